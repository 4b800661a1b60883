package dev.witbox.component;

import java.util.Optional;

/**
 * Signature rules for annotated function names (Binary.md, import/export notes): a {@code [constructor]R}
 * returns {@code (own R)} or {@code (result (own R) E?)}, a {@code [method]R.m} takes
 * {@code (param "self" (borrow R))} first. Checked only when all involved types resolve statically.
 */
final class HandleRules {

    private HandleRules() {
    }

    static void check(ComponentParser p, String name, Info.FuncType ft, Info resource, int at) {
        Scope s = ft.scope();
        String r = NameRules.annotatedResource(name);
        if (name.startsWith("[constructor]")) {
            Optional<ValType> result = ft.def().result();
            if (result.isEmpty()) {
                throw p.r.error(at, "constructor \"" + name + "\" must return (own " + r + ")");
            }
            if (result.get() instanceof PrimitiveType) {
                throw p.r.error(at, "constructor \"" + name + "\" must return (own " + r + ")");
            }
            Info.ValueType v = resolve(result.get(), s);
            if (v != null && v.def() instanceof DefinedType.Result res && res.ok().isPresent()) {
                v = resolve(res.ok().get(), v.scope());
            }
            if (v == null) {
                return; // not statically resolvable: deferred
            }
            if (!(v.def() instanceof DefinedType.Own own) || !sameResource(v.scope(), own.resourceType(), resource)) {
                throw p.r.error(at, "constructor \"" + name + "\" must return (own " + r
                        + ") or (result (own " + r + ") ...)");
            }
        } else if (name.startsWith("[method]")) {
            if (ft.def().params().isEmpty() || !ft.def().params().get(0).name().equals("self")) {
                throw p.r.error(at, "method \"" + name + "\" must take (param \"self\" (borrow " + r + ")) first");
            }
            ValType self = ft.def().params().get(0).type();
            if (self instanceof PrimitiveType) {
                throw p.r.error(at, "method \"" + name + "\" must take (param \"self\" (borrow " + r + ")) first");
            }
            Info.ValueType v = resolve(self, s);
            if (v == null) {
                return;
            }
            if (!(v.def() instanceof DefinedType.Borrow b) || !sameResource(v.scope(), b.resourceType(), resource)) {
                throw p.r.error(at, "method \"" + name + "\" must take (param \"self\" (borrow " + r + ")) first");
            }
        }
    }

    private static Info.ValueType resolve(ValType t, Scope s) {
        if (t instanceof ValType.TypeRef ref && s.info(Sort.TYPE, ref.index()) instanceof Info.ValueType v) {
            return v;
        }
        return null;
    }

    private static boolean sameResource(Scope s, int typeIndex, Info resource) {
        Info target = s.info(Sort.TYPE, typeIndex);
        return target == resource || target == Info.UNKNOWN;
    }
}
