package dev.witbox.component;

/** Core wasm value types accepted in component-level core types (MVP plus SIMD and the two MVP reference types). */
public enum CoreValType {
    I32(0x7f, "i32"),
    I64(0x7e, "i64"),
    F32(0x7d, "f32"),
    F64(0x7c, "f64"),
    V128(0x7b, "v128"),
    FUNCREF(0x70, "funcref"),
    EXTERNREF(0x6f, "externref");

    private final int opcode;
    private final String text;

    CoreValType(int opcode, String text) {
        this.opcode = opcode;
        this.text = text;
    }

    public int opcode() {
        return opcode;
    }

    static CoreValType fromOpcode(int opcode) {
        for (CoreValType t : values()) {
            if (t.opcode == opcode) {
                return t;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
