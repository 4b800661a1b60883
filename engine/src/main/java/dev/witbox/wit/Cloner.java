package dev.witbox.wit;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Copies world-owned definitions into another world (for {@code include}), remapping references. */
final class Cloner {

    final Map<TypeDef, TypeDef> map = new IdentityHashMap<>();

    TypeDef map(TypeDef d) {
        return map.getOrDefault(d, d);
    }

    Type type(Type t) {
        if (t == null || t instanceof Type.Primitive) {
            return t;
        }
        if (t instanceof Type.Named n) {
            return new Type.Named(map(n.def()), n.via());
        }
        if (t instanceof Type.Own o) {
            return new Type.Own(map(o.resource()), o.via());
        }
        if (t instanceof Type.Borrow b) {
            return new Type.Borrow(map(b.resource()), b.via());
        }
        if (t instanceof Type.ListType l) {
            return new Type.ListType(type(l.element()));
        }
        if (t instanceof Type.FixedListType l) {
            return new Type.FixedListType(type(l.element()), l.length());
        }
        if (t instanceof Type.OptionType o) {
            return new Type.OptionType(type(o.element()));
        }
        if (t instanceof Type.ResultType r) {
            return new Type.ResultType(type(r.ok()), type(r.err()));
        }
        if (t instanceof Type.TupleType tt) {
            List<Type> es = new ArrayList<>();
            for (Type e : tt.elements()) {
                es.add(type(e));
            }
            return new Type.TupleType(es);
        }
        if (t instanceof Type.MapType m) {
            return new Type.MapType(type(m.key()), type(m.value()));
        }
        if (t instanceof Type.FutureType f) {
            return new Type.FutureType(type(f.element()));
        }
        if (t instanceof Type.StreamType s) {
            return new Type.StreamType(type(s.element()));
        }
        throw new IllegalStateException("unknown type " + t);
    }

    Function function(Function f) {
        FunctionKind k = f.kind();
        if (k instanceof FunctionKind.Method m) {
            k = new FunctionKind.Method(map(m.resource()));
        } else if (k instanceof FunctionKind.Static s) {
            k = new FunctionKind.Static(map(s.resource()));
        } else if (k instanceof FunctionKind.Constructor c) {
            k = new FunctionKind.Constructor(map(c.resource()));
        }
        List<Param> ps = new ArrayList<>();
        for (Param p : f.params()) {
            ps.add(new Param(p.name(), type(p.type())));
        }
        return new Function(f.name(), k, f.async(), ps, type(f.result()), f.docs(), f.stability(), f.externalId());
    }

    TypeDefKind kind(TypeDefKind k) {
        if (k instanceof TypeDefKind.Record r) {
            List<TypeDefKind.Field> fs = new ArrayList<>();
            for (TypeDefKind.Field f : r.fields()) {
                fs.add(new TypeDefKind.Field(f.name(), type(f.type()), f.docs()));
            }
            return new TypeDefKind.Record(fs);
        }
        if (k instanceof TypeDefKind.Variant v) {
            List<TypeDefKind.Case> cs = new ArrayList<>();
            for (TypeDefKind.Case c : v.cases()) {
                cs.add(new TypeDefKind.Case(c.name(), type(c.type()), c.docs()));
            }
            return new TypeDefKind.Variant(cs);
        }
        if (k instanceof TypeDefKind.Resource r) {
            List<Function> fs = new ArrayList<>();
            for (Function f : r.functions()) {
                fs.add(function(f));
            }
            return new TypeDefKind.Resource(fs);
        }
        if (k instanceof TypeDefKind.Alias a) {
            return new TypeDefKind.Alias(type(a.target()));
        }
        return k; // enum, flags: no type references
    }

    /** Copies the given definitions to {@code owner} under new names (same order), then their bodies. */
    List<TypeDef> cloneDefs(List<TypeDef> defs, List<String> names, TypeOwner owner, Env env) {
        List<TypeDef> out = new ArrayList<>();
        for (int i = 0; i < defs.size(); i++) {
            TypeDef d = defs.get(i);
            TypeDef c = new TypeDef(names.get(i), owner, d.docs(), d.stability(), d.externalId());
            map.put(d, c);
            out.add(c);
        }
        for (int i = 0; i < defs.size(); i++) {
            out.get(i).setKind(kind(defs.get(i).kind()));
            env.hasBorrow.put(out.get(i), env.hasBorrow.getOrDefault(defs.get(i), false));
        }
        return out;
    }

    /** Copies an inline interface under a new identity key. */
    Interface cloneInline(Interface src, String newKey, Env env) {
        Interface c = new Interface(src.pkg(), newKey, src.docs(), src.stability());
        List<String> names = new ArrayList<>();
        for (TypeDef t : src.types()) {
            names.add(t.name());
        }
        List<TypeDef> types = cloneDefs(src.types(), names, c, env);
        List<Function> fs = new ArrayList<>();
        for (Function f : src.functions()) {
            fs.add(function(f));
        }
        c.init(src.uses(), types, fs);
        return c;
    }
}
