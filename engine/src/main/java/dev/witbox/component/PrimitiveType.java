package dev.witbox.component;

/** Primitive value types ({@code primvaltype}), with their binary opcodes. */
public enum PrimitiveType implements ValType {
    BOOL(0x7f, "bool"),
    S8(0x7e, "s8"),
    U8(0x7d, "u8"),
    S16(0x7c, "s16"),
    U16(0x7b, "u16"),
    S32(0x7a, "s32"),
    U32(0x79, "u32"),
    S64(0x78, "s64"),
    U64(0x77, "u64"),
    F32(0x76, "f32"),
    F64(0x75, "f64"),
    CHAR(0x74, "char"),
    STRING(0x73, "string"),
    /** Gated (📝) and not supported by witbox yet; decoded so tools can show it. */
    ERROR_CONTEXT(0x64, "error-context");

    private final int opcode;
    private final String text;

    PrimitiveType(int opcode, String text) {
        this.opcode = opcode;
        this.text = text;
    }

    public int opcode() {
        return opcode;
    }

    static PrimitiveType fromOpcode(int opcode) {
        for (PrimitiveType t : values()) {
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
