package dev.witbox.component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Decodes core types of the component-level core type index space: core function types and core module
 * types with their declarators (which have their own core type index space).
 */
final class CoreTypeParser {

    private final ComponentParser p;
    private final ByteReader r;

    CoreTypeParser(ComponentParser p) {
        this.p = p;
        this.r = p.r;
    }


    /**
     * {@code core:type}. With {@code module == null} the type is appended to the scope's core type space;
     * inside a module type it is appended to the module type's own space.
     */
    CoreType coreType(Scope scope, List<Info> module) {
        int at = r.pos();
        int op = r.u8();
        CoreType type;
        Info info;
        switch (op) {
            case 0x60 -> {
                List<CoreValType> params = coreValTypes("core parameter");
                List<CoreValType> results = coreValTypes("core result");
                CoreType.Func f = new CoreType.Func(params, results);
                type = f;
                info = new Info.CoreFuncType(f);
            }
            case 0x50 -> {
                if (module != null) {
                    throw r.error(at, "module types cannot be declared inside module types");
                }
                p.enterDepth(at);
                Map<String, Info.Exported> exports = new LinkedHashMap<>();
                CoreType.Module m = moduleType(scope, exports);
                p.leaveDepth();
                type = m;
                info = new Info.CoreModule(Map.copyOf(exports));
            }
            case 0x4e, 0x4f, 0x00, 0x5f, 0x5e ->
                    throw r.error(at, "unsupported feature: GC core type (opcode 0x" + ByteReader.hex(op) + ") is not decoded");
            default -> throw r.error(at, "unknown core type opcode 0x" + ByteReader.hex(op));
        }
        if (module != null) {
            module.add(info);
        } else {
            scope.add(Sort.CORE_TYPE, info, type);
        }
        return type;
    }

    private CoreType.Module moduleType(Scope scope, Map<String, Info.Exported> exports) {
        List<Info> types = new ArrayList<>();
        Map<String, Boolean> imports = new HashMap<>();
        int n = r.vecLength("module declarator");
        List<CoreType.ModuleDecl> decls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int at = r.pos();
            int tag = r.u8();
            switch (tag) {
                case 0x00 -> {
                    String module = r.name("core import module name");
                    String name = r.name("core import name");
                    if (imports.put(module + "\u0000" + name, Boolean.TRUE) != null) {
                        throw r.error(at, "duplicate core import \"" + module + "\" \"" + name + "\" in module type");
                    }
                    decls.add(new CoreType.ImportDecl(module, name, coreExternType(types)));
                }
                case 0x01 -> decls.add(new CoreType.TypeDecl(coreType(scope, types)));
                case 0x02 -> {
                    r.expect(0x10, "core type sort");
                    r.expect(0x01, "outer alias tag");
                    int ctAt = r.pos();
                    int ct = r.index();
                    int idxAt = r.pos();
                    int idx = r.index();
                    Info target;
                    if (ct == 0) {
                        if (idx >= types.size()) {
                            throw r.error(idxAt, "core type index " + idx + " out of bounds (" + types.size() + " defined)");
                        }
                        target = types.get(idx);
                    } else {
                        Scope s = scope;
                        for (int k = 1; k < ct && s != null; k++) {
                            s = s.parent;
                        }
                        if (s == null) {
                            throw r.error(ctAt, "outer alias count " + ct + " exceeds the number of enclosing scopes");
                        }
                        p.checkIndex(s, Sort.CORE_TYPE, idx, idxAt);
                        target = s.info(Sort.CORE_TYPE, idx);
                        if (target instanceof Info.CoreModule) {
                            throw r.error(idxAt, "module types cannot alias module types");
                        }
                    }
                    types.add(target);
                    decls.add(new CoreType.OuterAliasDecl(ct, idx));
                }
                case 0x03 -> {
                    String name = r.name("core export name");
                    CoreExternType t = coreExternType(types);
                    Info info = t instanceof CoreExternType.Func f ? types.get(f.typeIndex()) : Info.UNKNOWN;
                    if (exports.put(name, new Info.Exported(t.sort(), info)) != null) {
                        throw r.error(at, "duplicate core export \"" + name + "\" in module type");
                    }
                    decls.add(new CoreType.ExportDecl(name, t));
                }
                default -> throw r.error(at, "unknown module type declarator tag 0x" + ByteReader.hex(tag));
            }
        }
        return new CoreType.Module(decls);
    }

    private CoreExternType coreExternType(List<Info> types) {
        int at = r.pos();
        int tag = r.u8();
        switch (tag) {
            case 0x00 -> {
                return new CoreExternType.Func(coreFuncTypeIndex(types));
            }
            case 0x01 -> {
                int eAt = r.pos();
                CoreValType elem = coreValType();
                if (elem != CoreValType.FUNCREF && elem != CoreValType.EXTERNREF) {
                    throw r.error(eAt, "table element type must be a reference type, found " + elem);
                }
                return new CoreExternType.Table(elem, limits(false));
            }
            case 0x02 -> {
                return new CoreExternType.Memory(limits(true));
            }
            case 0x03 -> {
                CoreValType t = coreValType();
                int mAt = r.pos();
                int m = r.u8();
                if (m > 1) {
                    throw r.error(mAt, "expected global mutability 0x00 or 0x01 but found 0x" + ByteReader.hex(m));
                }
                return new CoreExternType.Global(t, m == 1);
            }
            case 0x04 -> {
                r.expect(0x00, "tag attribute");
                return new CoreExternType.Tag(coreFuncTypeIndex(types));
            }
            default -> throw r.error(at, "unknown core extern type tag 0x" + ByteReader.hex(tag));
        }
    }

    private int coreFuncTypeIndex(List<Info> types) {
        int at = r.pos();
        int i = r.index();
        if (i >= types.size()) {
            throw r.error(at, "core type index " + i + " out of bounds (" + types.size() + " defined in module type)");
        }
        Info info = types.get(i);
        if (!(info instanceof Info.CoreFuncType) && info != Info.UNKNOWN) {
            throw r.error(at, "core type " + i + " is " + TypeParser.kindOf(info) + ", expected a core function type");
        }
        return i;
    }

    private CoreExternType.Limits limits(boolean memory) {
        int at = r.pos();
        int flags = r.u8();
        if (flags > 0x07 || (!memory && flags > 0x01)) {
            throw r.error(at, "unknown limits flags 0x" + ByteReader.hex(flags));
        }
        boolean is64 = (flags & 0x04) != 0;
        if ((flags & 0x02) != 0) {
            p.unsupported("shared memory (threads)", at);
        }
        if (is64) {
            p.unsupported("64-bit memory (memory64)", at);
        }
        long min = is64 ? u64() : r.u32();
        OptionalLong max = OptionalLong.empty();
        if ((flags & 0x01) != 0) {
            int maxAt = r.pos();
            long mx = is64 ? u64() : r.u32();
            if (Long.compareUnsigned(mx, min) < 0) {
                throw r.error(maxAt, "limits maximum " + mx + " is smaller than minimum " + min);
            }
            max = OptionalLong.of(mx);
        }
        return new CoreExternType.Limits(min, max);
    }

    private long u64() {
        int start = r.pos();
        long result = 0;
        for (int i = 0; i < 10; i++) {
            int b = r.u8();
            if (i == 9 && (b & 0x7e) != 0) {
                throw r.error(start, "LEB128 u64 out of range");
            }
            result |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw r.error(start, "LEB128 u64 longer than 10 bytes");
    }

    CoreValType coreValType() {
        int at = r.pos();
        int b = r.u8();
        CoreValType t = CoreValType.fromOpcode(b);
        if (t == null) {
            if (b == 0x63 || b == 0x64 || (b >= 0x69 && b <= 0x74)) {
                throw r.error(at, "unsupported feature: typed/GC reference type (opcode 0x" + ByteReader.hex(b) + ")");
            }
            throw r.error(at, "unknown core value type 0x" + ByteReader.hex(b));
        }
        return t;
    }

    private List<CoreValType> coreValTypes(String what) {
        int n = r.vecLength(what);
        List<CoreValType> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(coreValType());
        }
        return out;
    }
}
