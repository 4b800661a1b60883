package dev.witbox.component;

import java.util.ArrayList;
import java.util.List;

/**
 * What a core module declares at its boundary, for {@code witbox inspect}: its imports, exports (functions
 * with their signatures when the type section is plain MVP), and custom sections. Only the type, import,
 * function, export and custom sections are read; the module is not validated (Chicory does that).
 */
public record CoreModuleInfo(List<Entry> imports, List<Entry> exports, List<CustomSection> customSections) {

    public CoreModuleInfo {
        imports = List.copyOf(imports);
        exports = List.copyOf(exports);
        customSections = List.copyOf(customSections);
    }

    /**
     * One import or export.
     *
     * @param module the import's module name; empty for exports
     * @param kind   {@code func}, {@code table}, {@code memory}, {@code global} or {@code tag}
     * @param detail the function signature (e.g. {@code (i32, i32) -> i32}) when known, else empty
     */
    public record Entry(String module, String name, String kind, String detail) {
    }

    public record CustomSection(String name, byte[] data, int offset) {
        public CustomSection {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        public int size() {
            return data.length;
        }
    }

    /**
     * Reads a core module.
     *
     * @throws ComponentDecodeException if the bytes are not a core module or a read section is malformed
     */
    public static CoreModuleInfo read(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        if (bytes.length < 8 || bytes[0] != 0 || bytes[1] != 'a' || bytes[2] != 's' || bytes[3] != 'm'
                || bytes[4] != 1 || bytes[5] != 0 || bytes[6] != 0 || bytes[7] != 0) {
            throw r.error(0, "not a core module (expected \\0asm version 1)");
        }
        r.skip(8);
        List<String> types = new ArrayList<>();
        List<String> funcTypes = new ArrayList<>();
        List<Entry> imports = new ArrayList<>();
        List<Entry> exports = new ArrayList<>();
        List<CustomSection> custom = new ArrayList<>();
        while (!r.atEnd()) {
            r.enterSection("core section");
            int id = r.u8();
            long size = r.u32();
            int old = r.pushLimit(size, "core section");
            int end = r.limit();
            switch (id) {
                case 0 -> {
                    r.enterSection("custom section");
                    String name = r.name("custom section name");
                    int at = r.pos();
                    custom.add(new CustomSection(name, r.bytes(end - at), at));
                }
                case 1 -> {
                    r.enterSection("type section");
                    int n = r.vecLength("type");
                    for (int i = 0; i < n; i++) {
                        types.add(funcType(r));
                    }
                }
                case 2 -> {
                    r.enterSection("import section");
                    int n = r.vecLength("import");
                    for (int i = 0; i < n; i++) {
                        String module = r.name("import module name");
                        String name = r.name("import name");
                        int kind = r.u8();
                        String detail = "";
                        if (kind == 0) {
                            int t = r.index();
                            detail = t < types.size() ? types.get(t) : "";
                            funcTypes.add(detail);
                            imports.add(new Entry(module, name, "func", detail));
                            continue;
                        }
                        // the rest of a non-function import descriptor is not needed: stop here
                        imports.add(new Entry(module, name, kindName(kind), ""));
                        skipImportDesc(r, kind);
                    }
                }
                case 3 -> {
                    r.enterSection("function section");
                    int n = r.vecLength("function");
                    for (int i = 0; i < n; i++) {
                        int t = r.index();
                        funcTypes.add(t < types.size() ? types.get(t) : "");
                    }
                }
                case 7 -> {
                    r.enterSection("export section");
                    int n = r.vecLength("export");
                    for (int i = 0; i < n; i++) {
                        String name = r.name("export name");
                        int kind = r.u8();
                        int idx = r.index();
                        String detail = kind == 0 && idx < funcTypes.size() ? funcTypes.get(idx) : "";
                        exports.add(new Entry("", name, kindName(kind), detail));
                    }
                }
                default -> r.skip(r.remaining());
            }
            r.skip(end - r.pos());
            r.popLimit(old);
        }
        return new CoreModuleInfo(imports, exports, custom);
    }

    private static String funcType(ByteReader r) {
        int form = r.u8();
        if (form != 0x60) {
            throw r.error("type form 0x" + ByteReader.hex(form) + " is not a plain function type");
        }
        return "(" + valTypes(r) + ") -> " + results(valTypes(r));
    }

    private static String results(String r) {
        return r.isEmpty() ? "()" : r.contains(",") ? "(" + r + ")" : r;
    }

    private static String valTypes(ByteReader r) {
        int n = r.vecLength("value type");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int op = r.u8();
            CoreValType t = CoreValType.fromOpcode(op);
            if (t == null) {
                throw r.error("value type 0x" + ByteReader.hex(op) + " is not modelled");
            }
            out.add(t.toString());
        }
        return String.join(", ", out);
    }

    private static void skipImportDesc(ByteReader r, int kind) {
        switch (kind) {
            case 1 -> {
                r.u8();
                limits(r);
            }
            case 2 -> limits(r);
            case 3 -> {
                r.u8();
                r.u8();
            }
            case 4 -> {
                r.u8();
                r.u32();
            }
            default -> throw r.error("unknown import kind 0x" + ByteReader.hex(kind));
        }
    }

    private static void limits(ByteReader r) {
        int flags = r.u8();
        r.skipLeb128();
        if ((flags & 0x01) != 0) {
            r.skipLeb128();
        }
    }

    private static String kindName(int kind) {
        return switch (kind) {
            case 0 -> "func";
            case 1 -> "table";
            case 2 -> "memory";
            case 3 -> "global";
            case 4 -> "tag";
            default -> "kind 0x" + ByteReader.hex(kind);
        };
    }
}
