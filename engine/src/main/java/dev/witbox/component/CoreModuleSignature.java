package dev.witbox.component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The import and export types of a core module, for checking core instantiation arguments against the imports
 * they fill (core spec "Import Matching", which the component model's core {@code instantiate} applies):
 * a function must have exactly the imported signature; a table the same element type and a memory or table
 * limits within the imported ones (min at least the import's, a max at most the import's when it has one);
 * a global the same value type and mutability. Types it cannot read (GC types) are left unknown, and unknown
 * types match anything: Chicory's own linking decides those.
 */
public final class CoreModuleSignature {

    /** One import or export type; {@code type} is the function signature or value/element type as text. */
    public record Extern(String kind, String type, long min, long max, boolean shared, boolean mutable) {
        static final long NO_MAX = -1;

        @Override
        public String toString() {
            return switch (kind) {
                case "func" -> "func " + type;
                case "memory", "table" -> kind + (type.isEmpty() ? "" : " " + type) + " " + min
                        + (max == NO_MAX ? "" : " " + max) + (shared ? " shared" : "");
                case "global" -> "global " + (mutable ? "(mut " + type + ")" : type);
                default -> kind;
            };
        }
    }

    /** An import: module name, field name and type (null when unknown). */
    public record Import(String module, String name, Extern type) {}

    private final List<Import> imports = new ArrayList<>();
    private final Map<String, Extern> exports = new LinkedHashMap<>();

    private CoreModuleSignature() {
    }

    /** Reads the module; an unreadable one gives a signature with nothing known. */
    public static CoreModuleSignature read(byte[] bytes) {
        CoreModuleSignature s = new CoreModuleSignature();
        try {
            s.module(new ByteReader(bytes));
        } catch (ComponentDecodeException | IndexOutOfBoundsException e) {
            s.imports.clear();
            s.exports.clear();
        }
        return s;
    }

    public List<Import> imports() {
        return List.copyOf(imports);
    }

    /** The type of an export, when known. */
    public Optional<Extern> export(String name) {
        return Optional.ofNullable(exports.get(name));
    }

    /** Null when {@code given} fills an import of type {@code imported}; else what differs. */
    public static String mismatch(Extern imported, Extern given) {
        if (imported == null || given == null) {
            return null;
        }
        if (!imported.kind().equals(given.kind())) {
            return "expected a " + imported.kind() + ", found a " + given.kind();
        }
        boolean fits = switch (imported.kind()) {
            case "func", "global" -> imported.type().equals(given.type()) && imported.mutable() == given.mutable();
            case "memory", "table" -> imported.type().equals(given.type()) && imported.shared() == given.shared()
                    && given.min() >= imported.min()
                    && (imported.max() == Extern.NO_MAX
                            || (given.max() != Extern.NO_MAX && given.max() <= imported.max()));
            default -> true;
        };
        return fits ? null : "expected " + imported + ", found " + given;
    }

    private final List<Extern> funcTypes = new ArrayList<>();
    private final List<Extern> funcs = new ArrayList<>();
    private final List<Extern> tables = new ArrayList<>();
    private final List<Extern> memories = new ArrayList<>();
    private final List<Extern> globals = new ArrayList<>();

    private void module(ByteReader r) {
        r.skip(8);
        while (!r.atEnd()) {
            int id = r.u8();
            long size = r.u32();
            int old = r.pushLimit(size, "core section");
            switch (id) {
                case 1 -> types(r);
                case 2 -> importSection(r);
                case 3 -> {
                    int n = r.vecLength("function");
                    for (int i = 0; i < n; i++) {
                        funcs.add(funcType(r.index()));
                    }
                }
                case 4 -> {
                    int n = r.vecLength("table");
                    for (int i = 0; i < n; i++) {
                        if (r.peek() == 0x40) {
                            r.u8();
                            r.u8();
                            tables.add(tableType(r));
                            r.skip(r.remaining()); // the init expression: nothing after it is needed
                            break;
                        }
                        tables.add(tableType(r));
                    }
                }
                case 5 -> {
                    int n = r.vecLength("memory");
                    for (int i = 0; i < n; i++) {
                        memories.add(limits(r, "memory", ""));
                    }
                }
                case 6 -> {
                    // a global's init expression has no length: only the first global's type is certain
                    int n = r.vecLength("global");
                    if (n > 0) {
                        globals.add(globalType(r));
                    }
                }
                case 7 -> exportSection(r);
                default -> { }
            }
            r.skip(r.remaining());
            r.popLimit(old);
            if (id == 6) {
                // globals after the first are unknown (see above): exports of them stay unknown
                globals.add(null);
            }
        }
    }

    private Extern funcType(int index) {
        return index < funcTypes.size() ? funcTypes.get(index) : null;
    }

    private void types(ByteReader r) {
        int n = r.vecLength("core type");
        for (int i = 0; i < n; i++) {
            if (r.u8() != 0x60) {
                throw r.error("not a plain function type"); // GC types: the signature stays unknown
            }
            String params = valTypes(r);
            String results = valTypes(r);
            funcTypes.add(new Extern("func", "(" + params + ") -> (" + results + ")", 0, 0, false, false));
        }
    }

    private static String valTypes(ByteReader r) {
        int n = r.vecLength("value types");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(valType(r));
        }
        return String.join(" ", out);
    }

    private static String valType(ByteReader r) {
        int b = r.u8();
        return switch (b) {
            case 0x7f -> "i32";
            case 0x7e -> "i64";
            case 0x7d -> "f32";
            case 0x7c -> "f64";
            case 0x7b -> "v128";
            case 0x70 -> "funcref";
            case 0x6f -> "externref";
            default -> throw r.error("unmodelled value type"); // typed references: unknown
        };
    }

    private static Extern tableType(ByteReader r) {
        String elem = valType(r);
        return limits(r, "table", elem);
    }

    private static Extern limits(ByteReader r, String kind, String type) {
        int flags = r.u8();
        if (flags > 0x07) {
            throw r.error("unknown limits");
        }
        long min = r.u32();
        long max = (flags & 0x01) != 0 ? r.u32() : Extern.NO_MAX;
        if ((flags & 0x04) != 0) {
            throw r.error("memory64"); // 64-bit limits: unknown
        }
        return new Extern(kind, type, min, max, (flags & 0x02) != 0, false);
    }

    private static Extern globalType(ByteReader r) {
        String t = valType(r);
        return new Extern("global", t, 0, 0, false, r.u8() == 1);
    }

    private void importSection(ByteReader r) {
        int n = r.vecLength("core import");
        for (int i = 0; i < n; i++) {
            String module = r.name("module");
            String name = r.name("name");
            Extern type;
            switch (r.u8()) {
                case 0x00 -> {
                    type = funcType(r.index());
                    funcs.add(type);
                }
                case 0x01 -> {
                    type = tableType(r);
                    tables.add(type);
                }
                case 0x02 -> {
                    type = limits(r, "memory", "");
                    memories.add(type);
                }
                case 0x03 -> {
                    type = globalType(r);
                    globals.add(type);
                }
                default -> throw r.error("tag import"); // tags are refused elsewhere (CoreFeatureScan)
            }
            imports.add(new Import(module, name, type));
        }
    }

    private void exportSection(ByteReader r) {
        int n = r.vecLength("core export");
        for (int i = 0; i < n; i++) {
            String name = r.name("core export name");
            int kind = r.u8();
            int idx = r.index();
            List<Extern> space = switch (kind) {
                case 0x00 -> funcs;
                case 0x01 -> tables;
                case 0x02 -> memories;
                case 0x03 -> globals;
                default -> null;
            };
            Extern type = space != null && idx < space.size() ? space.get(idx) : null;
            if (type != null) {
                exports.put(name, type);
            }
        }
    }
}
