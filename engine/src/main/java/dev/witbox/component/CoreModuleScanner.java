package dev.witbox.component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads just enough of an embedded core module (type, import, function and export sections) to know what it
 * exports and the signatures of its exported functions, so that {@code alias core export} names and the core
 * signatures used by {@code canon lift}, {@code realloc}, {@code post-return} and resource destructors can be
 * checked at decode time. Validating the module itself is Chicory's job: a module this scanner cannot read
 * yields {@code null} (unknown), and signatures it cannot read (e.g. GC types) are left unknown.
 */
final class CoreModuleScanner {

    private CoreModuleScanner() {
    }

    /** Export name to sort and (for functions, when readable) core function type; null if unreadable. */
    static Map<String, Info.Exported> exports(byte[] data, int offset, int length) {
        ByteReader r = new ByteReader(data, offset, offset + length);
        List<CoreType.Func> types = new ArrayList<>();
        List<Integer> funcs = new ArrayList<>();
        boolean typesKnown = true;
        boolean funcsKnown = true;
        try {
            r.skip(8);
            while (!r.atEnd()) {
                int id = r.u8();
                long size = r.u32();
                int old = r.pushLimit(size, "core section");
                int end = r.limit();
                try {
                    switch (id) {
                        case 1 -> readTypes(r, types);
                        case 2 -> readImports(r, funcs);
                        case 3 -> {
                            int n = r.vecLength("function");
                            for (int i = 0; i < n; i++) {
                                funcs.add(r.index());
                            }
                        }
                        case 7 -> {
                            return readExports(r, typesKnown ? types : null, funcsKnown ? funcs : null);
                        }
                        default -> r.skip(r.remaining());
                    }
                } catch (ComponentDecodeException e) {
                    // a construct this scanner does not model: forget what depends on this section
                    if (id == 1) {
                        typesKnown = false;
                    } else {
                        funcsKnown = false;
                    }
                    r.skip(end - r.pos());
                }
                r.popLimit(old);
            }
            return Map.of();
        } catch (ComponentDecodeException e) {
            return null;
        }
    }

    private static void readTypes(ByteReader r, List<CoreType.Func> types) {
        int n = r.vecLength("core type");
        for (int i = 0; i < n; i++) {
            if (r.u8() != 0x60) {
                throw r.error("not a plain function type");
            }
            types.add(new CoreType.Func(valTypes(r), valTypes(r)));
        }
    }

    private static List<CoreValType> valTypes(ByteReader r) {
        int n = r.vecLength("core value type");
        List<CoreValType> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CoreValType t = CoreValType.fromOpcode(r.u8());
            if (t == null) {
                throw r.error("unmodelled value type");
            }
            out.add(t);
        }
        return out;
    }

    private static void readImports(ByteReader r, List<Integer> funcs) {
        int n = r.vecLength("core import");
        for (int i = 0; i < n; i++) {
            r.name("module");
            r.name("name");
            switch (r.u8()) {
                case 0x00 -> funcs.add(r.index());
                case 0x01 -> {
                    int ref = r.u8();
                    if (ref != 0x70 && ref != 0x6f) {
                        throw r.error("unmodelled reference type");
                    }
                    limits(r);
                }
                case 0x02 -> limits(r);
                case 0x03 -> {
                    if (CoreValType.fromOpcode(r.u8()) == null) {
                        throw r.error("unmodelled global type");
                    }
                    r.u8();
                }
                case 0x04 -> {
                    r.u8();
                    r.u32();
                }
                default -> throw r.error("unknown import kind");
            }
        }
    }

    private static void limits(ByteReader r) {
        int flags = r.u8();
        if (flags > 0x07) {
            throw r.error("unknown limits");
        }
        r.skipLeb128();
        if ((flags & 0x01) != 0) {
            r.skipLeb128();
        }
    }

    private static Map<String, Info.Exported> readExports(ByteReader r, List<CoreType.Func> types, List<Integer> funcs) {
        Map<String, Info.Exported> out = new LinkedHashMap<>();
        int n = r.vecLength("core export");
        for (int i = 0; i < n; i++) {
            String name = r.name("core export name");
            int kind = r.u8();
            int idx = r.index();
            // an export is a func, table, memory, global or tag: the core sorts with codes 0x00 to 0x04
            Sort s = kind <= 0x04 ? Sort.core(kind) : null;
            if (s == null) {
                return null;
            }
            Info info = Info.UNKNOWN;
            if (s == Sort.CORE_FUNC && types != null && funcs != null && idx < funcs.size()
                    && funcs.get(idx) < types.size()) {
                info = new Info.CoreFuncType(types.get(funcs.get(idx)));
            }
            if (out.put(name, new Info.Exported(s, info)) != null) {
                return null;
            }
        }
        return r.atEnd() ? Map.copyOf(out) : null;
    }
}
