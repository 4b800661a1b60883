package dev.witbox.wit;

import java.util.Objects;

/** An import or export of a world: an interface or a function. */
public sealed interface WorldItem {

    /** The import/export name as the component model spells it. */
    String externName();

    /**
     * An interface import/export. {@code name} is null when keyed by the interface's own name
     * ({@code import wasi:io/streams;}); otherwise it is the plain name ({@code import x: interface
     * {..}} where {@code iface} is inline, or {@code import x: some-iface;} where it is named).
     *
     * <p>Equality compares named interfaces by identity and inline interfaces by structure.
     */
    record InterfaceItem(String name, Interface iface, String docs, Stability stability, String externalId)
            implements WorldItem {

        public InterfaceItem {
            docs = docs == null ? "" : docs;
        }

        @Override
        public String externName() {
            return name != null ? name : iface.qualifiedName();
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof InterfaceItem other)) {
                return false;
            }
            boolean sameIface = iface.name() == null ? iface.contentEquals(other.iface) : iface.equals(other.iface);
            return sameIface && Objects.equals(name, other.name) && docs.equals(other.docs)
                    && stability.equals(other.stability) && Objects.equals(externalId, other.externalId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, iface.key());
        }
    }

    /** A function import/export. */
    record FunctionItem(Function function) implements WorldItem {
        @Override
        public String externName() {
            return function.name();
        }
    }
}
