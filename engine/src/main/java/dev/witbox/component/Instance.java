package dev.witbox.component;

import java.util.List;

/** A component instance definition ({@code instance}). */
public sealed interface Instance extends Definition {

    /** {@code (instantiate c (with "name" (sort idx))*)}. */
    record Instantiate(int component, List<Arg> args) implements Instance {
        public Instantiate {
            args = List.copyOf(args);
        }
    }

    /** An instance built from inline exports of existing definitions. */
    record FromExports(List<Export> exports) implements Instance {
        public FromExports {
            exports = List.copyOf(exports);
        }
    }

    record Arg(String name, SortIndex target) {
    }

    record Export(ExternName name, SortIndex target) {
    }
}
