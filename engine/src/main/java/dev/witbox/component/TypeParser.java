package dev.witbox.component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decodes and validates component-level type definitions, type declarators and extern types. Each
 * definition is checked against the index spaces of its scope as it appears, and value types get their
 * {@link Shape} computed immediately so that canon validation never has to recurse over type chains.
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
                CoreValType rep = p.coreTypes.coreValType();
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
                Shape shape = Shapes.of(d, scope);
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
            if (Shapes.of(t, scope).borrows()) {
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
                if (t.isPresent() && Shapes.of(t.get(), scope).borrows()) {
                    throw r.error(at, (op == 0x66 ? "stream" : "future") + " element type may not contain borrow handles");
                }
                p.unsupported(op == 0x66 ? "stream type (🔀)" : "future type (🔀)", at);
                return op == 0x66 ? new DefinedType.Stream(t) : new DefinedType.Future(t);
            }
            case 0x63 -> {
                int kAt = r.pos();
                ValType k = valType(scope);
                PrimitiveType key = keyPrimitive(k, scope);
                if (key == PrimitiveType.F32 || key == PrimitiveType.F64 || key == PrimitiveType.ERROR_CONTEXT
                        || (key == null && !isUnknown(k, scope))) {
                    throw r.error(kAt, "map key type must be bool, an integer, char or string, but is "
                            + (key != null ? key.toString() : keyKind((ValType.TypeRef) k, scope)));
                }
                ValType v = valType(scope);
                return new DefinedType.MapType(k, v);
            }
            default -> throw r.error(at, "unknown type opcode 0x" + ByteReader.hex(op)
                    + " (expected a defined value type, func, component, instance or resource type)");
        }
    }

    /** The primitive a map key names, directly or through a defined primitive type; null otherwise. */
    private static PrimitiveType keyPrimitive(ValType k, Scope scope) {
        if (k instanceof PrimitiveType prim) {
            return prim;
        }
        Info info = scope.info(Sort.TYPE, ((ValType.TypeRef) k).index());
        return info instanceof Info.ValueType v && v.def() instanceof DefinedType.Primitive prim ? prim.type() : null;
    }

    /** "type 3, a record": what a type index a map key refers to is. */
    private static String keyKind(ValType.TypeRef k, Scope scope) {
        Info info = scope.info(Sort.TYPE, k.index());
        String kind = info instanceof Info.ValueType v
                ? "a " + v.def().getClass().getSimpleName().replace("Type", "").toLowerCase(java.util.Locale.ROOT)
                : kindOf(info);
        return "type " + k.index() + ", " + kind;
    }

    /** Whether validation cannot tell what {@code k} is (its check is deferred, as elsewhere). */
    private static boolean isUnknown(ValType k, Scope scope) {
        return k instanceof ValType.TypeRef ref && scope.info(Sort.TYPE, ref.index()) == Info.UNKNOWN;
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

    // ---------------------------------------------------------------- declarators

    private List<Decl> declarators(Scope scope, boolean componentType) {
        int n = r.vecLength("declarator");
        List<Decl> decls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int at = r.pos();
            int tag = r.u8();
            switch (tag) {
                case 0x00 -> decls.add(new Decl.CoreTypeDecl(p.coreTypes.coreType(scope, null)));
                case 0x01 -> decls.add(new Decl.TypeDecl(typeDef(scope)));
                case 0x02 -> decls.add(new Decl.AliasDecl(p.alias(scope, true)));
                case 0x03 -> {
                    if (!componentType) {
                        throw r.error(at, "import declarators are only allowed in component types, not instance types");
                    }
                    int nameAt = r.pos();
                    ExternName name = p.names.externName("import name");
                    ExternType et = externType(scope);
                    p.names.declareImport(scope, name, et, nameAt, null);
                    decls.add(new Decl.ImportDecl(name, et));
                }
                case 0x04 -> {
                    int nameAt = r.pos();
                    ExternName name = p.names.externName("export name");
                    ExternType et = externType(scope);
                    p.names.declareExport(scope, name, et.sort(), externInfo(et, scope), nameAt, null);
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

}
