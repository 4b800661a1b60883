package dev.witbox.component;

/** A value type use: either a primitive or an index into the enclosing scope's type index space. */
public sealed interface ValType permits PrimitiveType, ValType.TypeRef {

    record TypeRef(int index) implements ValType {
        @Override
        public String toString() {
            return "(type " + index + ")";
        }
    }
}
