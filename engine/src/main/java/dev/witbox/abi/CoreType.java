package dev.witbox.abi;

/** A core WebAssembly value type, as the canonical ABI flattens component values into them. */
public enum CoreType {
    I32,
    I64,
    F32,
    F64;

    /**
     * The spec's {@code join}: the narrowest core type both {@code a} and {@code b} can be
     * bit-cast into, so that every case of a variant shares one flat signature.
     */
    static CoreType join(CoreType a, CoreType b) {
        if (a == b) {
            return a;
        }
        if ((a == I32 && b == F32) || (a == F32 && b == I32)) {
            return I32;
        }
        return I64;
    }
}
