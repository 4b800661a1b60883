package dev.witbox.component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Decodes and validates type definitions, type declarators and core types. Each definition is checked
 * against the index spaces of its scope as it appears, and value types get their {@link Shape} computed
 * immediately so that canon validation never has to recurse over type chains.
 */
final class TypeParser {

    private final ComponentParser p;
    private final ByteReader r;

    TypeParser(ComponentParser p) {
        this.p = p;
        this.r = p.r;
    }

    // ---------------------------------------------------------------- component-level types

    /** {@code type ::= deftype}; appends the type to {@code scope}. */
    TypeDef typeDef(Scope scope) {
        int at = r.pos();
        int op = r.peek();
        TypeDef def;
        Info info;
        switch (op) {
            case 0x40, 0x43 -> {
                r.u8();
                if (op == 0x43) {
                    p.unsupported("async function type (🔀)", at);
                }
                TypeDef.Func f = funcType(scope, op == 0x43);
                def = f;
                info = new Info.FuncType(f, scope);
            }
            case 0x41 -> {
                r.u8();
                Scope inner = p.enterScope(Scope.Kind.COMPONENT_TYPE, scope, at);
                List<Decl> decls = declarators(inner, true);
                p.leaveScope();
                def = new TypeDef.ComponentType(decls);
                info = new Info.ComponentType(Map.copyOf(inner.imports), Map.copyOf(inner.exports));
            }
            case 0x42 -> {
                r.u8();
                Scope inner = p.enterScope(Scope.Kind.INSTANCE_TYPE, scope, at);
                List<Decl> decls = declarators(inner, false);
                p.leaveScope();
                def = new TypeDef.InstanceType(decls);
                info = new Info.InstanceType(Map.copyOf(inner.exports));
            }
            case 0x3f -> {
                r.u8();
                if (scope.kind != Scope.Kind.COMPONENT) {
                    throw r.error(at, "resource type definitions are not allowed inside component or instance types");
                }
                int repAt = r.pos();
                CoreValType rep = coreValType();
                if (rep != CoreValType.I32) {
                    throw r.error(repAt, "resource representation must be i32, found " + rep);
                }
                OptionalInt dtor = OptionalInt.empty();
                int flag = optionFlag("destructor");
                if (flag == 1) {
                    int fAt = r.pos();
                    int f = r.index();
                    p.checkIndex(scope, Sort.CORE_FUNC, f, fAt);
                    if (scope.info(Sort.CORE_FUNC, f) instanceof Info.CoreFuncType t
                            && !t.def().equals(CanonParser.I32_TO_NOTHING)) {
                        throw r.error(fAt, "resource destructor core func " + f + " has type " + t.def()
                                + " but (func (param i32)) is required");
                    }
                    dtor = OptionalInt.of(f);
                }
                def = new TypeDef.Resource(rep, dtor);
                info = new Info.Resource(scope);
            }
            default -> {
                DefinedType d = definedType(scope);
                Shape shape = shapeOf(d, scope);
                if (shape.size() >= Shape.MAX_ELEM_SIZE) {
                    throw r.error(at, "type's Canonical ABI element size " + shape.size()
                            + (shape.size() >= Shape.SATURATED ? "+" : "") + " is not below the limit of 2^28 bytes");
                }
                def = d;
                info = new Info.ValueType(d, shape, scope);
            }
        }
        scope.add(Sort.TYPE, info, def);
        return def;
    }

    private TypeDef.Func funcType(Scope scope, boolean async) {
        int n = r.vecLength("parameter");
        List<TypeDef.Param> params = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String name = label("parameter name", seen);
            params.add(new TypeDef.Param(name, valType(scope)));
        }
        int at = r.pos();
        int tag = r.u8();
        Optional<ValType> result;
        if (tag == 0x00) {
            int tAt = r.pos();
            ValType t = valType(scope);
            if (shapeOf(t, scope).borrows()) {
                throw r.error(tAt, "function results may not contain borrow handles");
            }
            result = Optional.of(t);
        } else if (tag == 0x01) {
            r.expect(0x00, "empty result list");
            result = Optional.empty();
        } else {
            throw r.error(at, "expected result list tag 0x00 or 0x01 but found 0x" + ByteReader.hex(tag));
        }
        return new TypeDef.Func(async, params, result);
    }

    DefinedType definedType(Scope scope) {
        int at = r.pos();
        int op = r.u8();
        PrimitiveType prim = PrimitiveType.fromOpcode(op);
        if (prim != null) {
            if (prim == PrimitiveType.ERROR_CONTEXT) {
                p.unsupported("error-context type (📝)", at);
            }
            return new DefinedType.Primitive(prim);
        }
        switch (op) {
            case 0x72 -> {
                int n = r.vecLength("record field");
                if (n == 0) {
                    throw r.error(at, "record type must have at least one field");
                }
                List<DefinedType.Field> fields = new ArrayList<>();
                Map<String, String> seen = new HashMap<>();
                for (int i = 0; i < n; i++) {
                    String name = label("record field name", seen);
                    fields.add(new DefinedType.Field(name, valType(scope)));
                }
                return new DefinedType.Record(fields);
            }
            case 0x71 -> {
                int n = r.vecLength("variant case");
                if (n == 0) {
                    throw r.error(at, "variant type must have at least one case");
                }
                List<DefinedType.Case> cases = new ArrayList<>();
                Map<String, String> seen = new HashMap<>();
                for (int i = 0; i < n; i++) {
                    String name = label("variant case name", seen);
                    Optional<ValType> t = optionalValType(scope, "variant case type");
                    r.expect(0x00, "variant case terminator");
                    cases.add(new DefinedType.Case(name, t));
                }
                return new DefinedType.Variant(cases);
            }
            case 0x70 -> {
                return new DefinedType.ListType(valType(scope));
            }
            case 0x67 -> {
                ValType t = valType(scope);
                int lenAt = r.pos();
                long len = r.u32();
                if (len == 0) {
                    throw r.error(lenAt, "fixed-size list length must be greater than 0");
                }
                p.unsupported("fixed-size list type (🔧)", at);
                return new DefinedType.FixedList(t, len);
            }
            case 0x6f -> {
                int n = r.vecLength("tuple element");
                if (n == 0) {
                    throw r.error(at, "tuple type must have at least one element");
                }
                List<ValType> ts = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    ts.add(valType(scope));
                }
                return new DefinedType.Tuple(ts);
            }
            case 0x6e -> {
                List<String> labels = labels("flag");
                if (labels.isEmpty() || labels.size() > 32) {
                    throw r.error(at, "flags type must have between 1 and 32 flags, found " + labels.size());
                }
                return new DefinedType.Flags(labels);
            }
            case 0x6d -> {
                List<String> labels = labels("enum case");
                if (labels.isEmpty()) {
                    throw r.error(at, "enum type must have at least one case");
                }
                return new DefinedType.Enum(labels);
            }
            case 0x6b -> {
                return new DefinedType.Option(valType(scope));
            }
            case 0x6a -> {
                Optional<ValType> ok = optionalValType(scope, "result ok type");
                Optional<ValType> err = optionalValType(scope, "result error type");
                return new DefinedType.Result(ok, err);
            }
            case 0x69, 0x68 -> {
                int iAt = r.pos();
                int i = r.index();
                p.checkIndex(scope, Sort.TYPE, i, iAt);
                Info target = scope.info(Sort.TYPE, i);
                if (!(target instanceof Info.Resource) && target != Info.UNKNOWN) {
                    throw r.error(iAt, (op == 0x69 ? "own" : "borrow") + " handle must refer to a resource type, but type "
                            + i + " is " + kindOf(target));
                }
                return op == 0x69 ? new DefinedType.Own(i) : new DefinedType.Borrow(i);
            }
            case 0x66, 0x65 -> {
                Optional<ValType> t = optionalValType(scope, op == 0x66 ? "stream element type" : "future element type");
                if (t.isPresent() && shapeOf(t.get(), scope).borrows()) {
                    throw r.error(at, (op == 0x66 ? "stream" : "future") + " element type may not contain borrow handles");
                }
                p.unsupported(op == 0x66 ? "stream type (🔀)" : "future type (🔀)", at);
                return op == 0x66 ? new DefinedType.Stream(t) : new DefinedType.Future(t);
            }
            case 0x63 -> {
                ValType k = valType(scope);
                ValType v = valType(scope);
                p.unsupported("map type (🗺️)", at);
                return new DefinedType.MapType(k, v);
            }
            default -> throw r.error(at, "unknown type opcode 0x" + ByteReader.hex(op)
                    + " (expected a defined value type, func, component, instance or resource type)");
        }
    }

    /** {@code valtype ::= typeidx | primvaltype}: negative SLEB opcodes are primitives, the rest indices. */
    ValType valType(Scope scope) {
        int at = r.pos();
        int b = r.peek();
        if ((b & 0x80) == 0 && b >= 0x40) {
            r.u8();
            PrimitiveType prim = PrimitiveType.fromOpcode(b);
            if (prim == null) {
                throw r.error(at, "unknown value type opcode 0x" + ByteReader.hex(b));
            }
            if (prim == PrimitiveType.ERROR_CONTEXT) {
                p.unsupported("error-context type (📝)", at);
            }
            return prim;
        }
        int i = r.typeIndexS33();
        p.checkIndex(scope, Sort.TYPE, i, at);
        Info info = scope.info(Sort.TYPE, i);
        if (!(info instanceof Info.ValueType) && info != Info.UNKNOWN) {
            throw r.error(at, "type " + i + " is " + kindOf(info) + ", not a value type");
        }
        return new ValType.TypeRef(i);
    }

    private Optional<ValType> optionalValType(Scope scope, String what) {
        return optionFlag(what) == 1 ? Optional.of(valType(scope)) : Optional.empty();
    }

    int optionFlag(String what) {
        int at = r.pos();
        int b = r.u8();
        if (b > 1) {
            throw r.error(at, "expected 0x00 or 0x01 for optional " + what + " but found 0x" + ByteReader.hex(b));
        }
        return b;
    }

    private String label(String what, Map<String, String> seen) {
        int at = r.pos();
        String name = r.name(what);
        if (!NameRules.isLabel(name)) {
            throw r.error(at, what + " \"" + name + "\" is not a kebab-case label");
        }
        String prev = seen.putIfAbsent(NameRules.canonical(name), name);
        if (prev != null) {
            throw r.error(at, "duplicate " + what + " \"" + name + "\"" + NameRules.conflict(name, prev));
        }
        return name;
    }

    private List<String> labels(String what) {
        int n = r.vecLength(what);
        List<String> out = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < n; i++) {
            out.add(label(what + " name", seen));
        }
        return out;
    }

    static String kindOf(Info info) {
        if (info instanceof Info.ValueType) {
            return "a value type";
        } else if (info instanceof Info.FuncType) {
            return "a function type";
        } else if (info instanceof Info.InstanceType) {
            return "an instance type";
        } else if (info instanceof Info.ComponentType) {
            return "a component type";
        } else if (info instanceof Info.Resource) {
            return "a resource type";
        } else if (info instanceof Info.CoreModule) {
            return "a core module type";
        } else if (info instanceof Info.CoreFuncType) {
            return "a core function type";
        }
        return "of unknown kind";
    }

    // ---------------------------------------------------------------- shapes

    Shape shapeOf(ValType t, Scope scope) {
        if (t instanceof PrimitiveType prim) {
            return primitiveShape(prim);
        }
        Info info = scope.info(Sort.TYPE, ((ValType.TypeRef) t).index());
        return info instanceof Info.ValueType v ? v.shape() : Shape.UNKNOWN;
    }

    private static Shape primitiveShape(PrimitiveType prim) {
        return switch (prim) {
            case BOOL, S8, U8 -> Shape.scalar(CoreValType.I32, 1);
            case S16, U16 -> Shape.scalar(CoreValType.I32, 2);
            case S32, U32, CHAR, ERROR_CONTEXT -> Shape.scalar(CoreValType.I32, 4);
            case F32 -> Shape.scalar(CoreValType.F32, 4);
            case S64, U64 -> Shape.scalar(CoreValType.I64, 8);
            case F64 -> Shape.scalar(CoreValType.F64, 8);
            case STRING -> Shape.POINTER_PAIR;
        };
    }

    private Shape shapeOf(Optional<ValType> t, Scope scope) {
        return t.isPresent() ? shapeOf(t.get(), scope) : Shape.EMPTY;
    }

    /** Shape of a defined value type, following CanonicalABI flattening, alignment and element size. */
    Shape shapeOf(DefinedType d, Scope scope) {
        if (d instanceof DefinedType.Primitive prim) {
            return primitiveShape(prim.type());
        } else if (d instanceof DefinedType.Record rec) {
            Shape s = Shape.EMPTY;
            for (DefinedType.Field f : rec.fields()) {
                s = s.plus(shapeOf(f.type(), scope));
            }
            return s.closed();
        } else if (d instanceof DefinedType.Tuple tup) {
            Shape s = Shape.EMPTY;
            for (ValType t : tup.types()) {
                s = s.plus(shapeOf(t, scope));
            }
            return s.closed();
        } else if (d instanceof DefinedType.Variant v) {
            Shape s = Shape.EMPTY;
            for (DefinedType.Case c : v.cases()) {
                s = s.joinCase(shapeOf(c.type(), scope));
            }
            return s.asVariantPayload(v.cases().size());
        } else if (d instanceof DefinedType.ListType l) {
            return shapeOf(l.element(), scope).asListElement();
        } else if (d instanceof DefinedType.FixedList l) {
            return shapeOf(l.element(), scope).repeated(l.length());
        } else if (d instanceof DefinedType.Flags f) {
            int n = f.labels().size();
            return Shape.scalar(CoreValType.I32, n <= 8 ? 1 : n <= 16 ? 2 : 4);
        } else if (d instanceof DefinedType.Enum e) {
            return Shape.EMPTY.asVariantPayload(e.labels().size());
        } else if (d instanceof DefinedType.Option o) {
            return shapeOf(o.type(), scope).asVariantPayload(2);
        } else if (d instanceof DefinedType.Result res) {
            return shapeOf(res.ok(), scope).joinCase(shapeOf(res.error(), scope)).asVariantPayload(2);
        } else if (d instanceof DefinedType.Own) {
            return Shape.HANDLE;
        } else if (d instanceof DefinedType.Borrow) {
            return Shape.BORROW;
        } else if (d instanceof DefinedType.MapType m) {
            Shape entry = shapeOf(m.key(), scope).plus(shapeOf(m.value(), scope)).closed();
            return entry.asListElement();
        }
        // stream, future: an i32 handle
        return Shape.scalar(CoreValType.I32, 4);
    }

    // ---------------------------------------------------------------- declarators

    private List<Decl> declarators(Scope scope, boolean componentType) {
        int n = r.vecLength("declarator");
        List<Decl> decls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int at = r.pos();
            int tag = r.u8();
            switch (tag) {
                case 0x00 -> decls.add(new Decl.CoreTypeDecl(coreType(scope, null)));
                case 0x01 -> decls.add(new Decl.TypeDecl(typeDef(scope)));
                case 0x02 -> decls.add(new Decl.AliasDecl(p.alias(scope, true)));
                case 0x03 -> {
                    if (!componentType) {
                        throw r.error(at, "import declarators are only allowed in component types, not instance types");
                    }
                    int nameAt = r.pos();
                    ExternName name = p.externName("import name");
                    ExternType et = externType(scope);
                    p.declareImport(scope, name, et, nameAt, null);
                    decls.add(new Decl.ImportDecl(name, et));
                }
                case 0x04 -> {
                    int nameAt = r.pos();
                    ExternName name = p.externName("export name");
                    ExternType et = externType(scope);
                    p.declareExport(scope, name, et.sort(), externInfo(et, scope), nameAt, null);
                    decls.add(new Decl.ExportDecl(name, et));
                }
                default -> throw r.error(at, "unknown " + (componentType ? "component" : "instance")
                        + " type declarator tag 0x" + ByteReader.hex(tag));
            }
        }
        return decls;
    }

    ExternType externType(Scope scope) {
        int at = r.pos();
        int tag = r.u8();
        switch (tag) {
            case 0x00 -> {
                r.expect(0x11, "core module sort");
                int iAt = r.pos();
                int i = r.index();
                p.checkIndex(scope, Sort.CORE_TYPE, i, iAt);
                Info info = scope.info(Sort.CORE_TYPE, i);
                if (!(info instanceof Info.CoreModule) && info != Info.UNKNOWN) {
                    throw r.error(iAt, "core type " + i + " is " + kindOf(info) + ", not a module type");
                }
                return new ExternType.Module(i);
            }
            case 0x01 -> {
                return new ExternType.Func(typeOfKind(scope, Info.FuncType.class, "a function type"));
            }
            case 0x02 -> {
                int bAt = r.pos();
                int b = r.u8();
                ExternType.ValueBound bound;
                if (b == 0x00) {
                    int i = r.index();
                    p.checkIndex(scope, Sort.VALUE, i, bAt + 1);
                    bound = new ExternType.ValueEq(i);
                } else if (b == 0x01) {
                    bound = new ExternType.ValueOfType(valType(scope));
                } else {
                    throw r.error(bAt, "unknown value bound 0x" + ByteReader.hex(b));
                }
                p.unsupported("value import/export (🪙)", at);
                return new ExternType.Value(bound);
            }
            case 0x03 -> {
                int bAt = r.pos();
                int b = r.u8();
                if (b == 0x00) {
                    int iAt = r.pos();
                    int i = r.index();
                    p.checkIndex(scope, Sort.TYPE, i, iAt);
                    return new ExternType.Type(new ExternType.Eq(i));
                } else if (b == 0x01) {
                    return new ExternType.Type(new ExternType.SubResource());
                }
                throw r.error(bAt, "unknown type bound 0x" + ByteReader.hex(b));
            }
            case 0x04 -> {
                return new ExternType.Component(typeOfKind(scope, Info.ComponentType.class, "a component type"));
            }
            case 0x05 -> {
                return new ExternType.Instance(typeOfKind(scope, Info.InstanceType.class, "an instance type"));
            }
            default -> throw r.error(at, "unknown extern type tag 0x" + ByteReader.hex(tag));
        }
    }

    private int typeOfKind(Scope scope, Class<? extends Info> kind, String what) {
        int at = r.pos();
        int i = r.index();
        p.checkIndex(scope, Sort.TYPE, i, at);
        Info info = scope.info(Sort.TYPE, i);
        if (!kind.isInstance(info) && info != Info.UNKNOWN) {
            throw r.error(at, "type " + i + " is " + kindOf(info) + ", expected " + what);
        }
        return i;
    }

    /** What an import or export of this extern type puts in its index space. */
    Info externInfo(ExternType et, Scope scope) {
        if (et instanceof ExternType.Module m) {
            return scope.info(Sort.CORE_TYPE, m.coreTypeIndex());
        } else if (et instanceof ExternType.Func f) {
            return scope.info(Sort.TYPE, f.typeIndex());
        } else if (et instanceof ExternType.Component c) {
            return scope.info(Sort.TYPE, c.typeIndex());
        } else if (et instanceof ExternType.Instance i) {
            return scope.info(Sort.TYPE, i.typeIndex());
        } else if (et instanceof ExternType.Type t) {
            return t.bound() instanceof ExternType.Eq eq ? scope.info(Sort.TYPE, eq.typeIndex()) : new Info.Resource(null);
        }
        return Info.UNKNOWN;
    }

    // ---------------------------------------------------------------- core types

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
            throw r.error(at, "core type " + i + " is " + kindOf(info) + ", expected a core function type");
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
