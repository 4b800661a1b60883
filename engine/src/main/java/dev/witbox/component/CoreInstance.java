package dev.witbox.component;

import java.util.List;

/** A core instance definition ({@code core:instance}). */
public sealed interface CoreInstance extends Definition {

    /** {@code (instantiate m (with "name" (instance i))*)}. */
    record Instantiate(int module, List<Arg> args) implements CoreInstance {
        public Instantiate {
            args = List.copyOf(args);
        }
    }

    /** A bag of core exports, e.g. to build an import object for another core instance. */
    record FromExports(List<Export> exports) implements CoreInstance {
        public FromExports {
            exports = List.copyOf(exports);
        }
    }

    /** {@code (with "name" (instance i))}: only the core instance sort is allowed today. */
    record Arg(String name, SortIndex target) {
    }

    /** {@code (export "name" (core sort idx))}. */
    record Export(String name, SortIndex target) {
    }
}
