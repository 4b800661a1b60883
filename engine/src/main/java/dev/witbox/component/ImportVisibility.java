package dev.witbox.component;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * An import's type may only use resource types the importer can name: types imported before it (Explainer.md,
 * "Import and Export Definitions": the resources an import's type uses must be introduced by preceding imports).
 * A resource the component defines itself ({@code (type (resource (rep i32)))}) lives inside it; a function
 * imported with an {@code own} or {@code borrow} of it would hand the outside a handle of a type it cannot see.
 */
final class ImportVisibility {

    private final Set<Info> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private String found;

    private ImportVisibility() {
    }

    /** The name of a locally defined resource the function type of {@code typeIndex} uses, if any. */
    static Optional<String> localResourceIn(Scope scope, int typeIndex) {
        ImportVisibility v = new ImportVisibility();
        if (scope.info(Sort.TYPE, typeIndex) instanceof Info.FuncType ft) {
            for (TypeDef.Param p : ft.def().params()) {
                v.walk(p.type(), ft.scope());
            }
            ft.def().result().ifPresent(t -> v.walk(t, ft.scope()));
        }
        return Optional.ofNullable(v.found);
    }

    private void walk(ValType t, Scope scope) {
        if (found != null || !(t instanceof ValType.TypeRef ref)) {
            return;
        }
        Info info = scope.info(Sort.TYPE, ref.index());
        if (info instanceof Info.ValueType v && seen.add(v)) {
            def(v.def(), v.scope());
        }
    }

    private void handle(int resourceType, Scope scope) {
        if (scope.info(Sort.TYPE, resourceType) instanceof Info.Resource r && r.definedIn != null) {
            found = "type " + resourceType;
        }
    }

    private void def(DefinedType d, Scope s) {
        if (d instanceof DefinedType.Own o) {
            handle(o.resourceType(), s);
        } else if (d instanceof DefinedType.Borrow b) {
            handle(b.resourceType(), s);
        } else if (d instanceof DefinedType.Record r) {
            r.fields().forEach(f -> walk(f.type(), s));
        } else if (d instanceof DefinedType.Variant v) {
            v.cases().forEach(c -> c.type().ifPresent(t -> walk(t, s)));
        } else if (d instanceof DefinedType.ListType l) {
            walk(l.element(), s);
        } else if (d instanceof DefinedType.FixedList l) {
            walk(l.element(), s);
        } else if (d instanceof DefinedType.Tuple t) {
            t.types().forEach(x -> walk(x, s));
        } else if (d instanceof DefinedType.Option o) {
            walk(o.type(), s);
        } else if (d instanceof DefinedType.Result r) {
            r.ok().ifPresent(t -> walk(t, s));
            r.error().ifPresent(t -> walk(t, s));
        } else if (d instanceof DefinedType.MapType m) {
            walk(m.key(), s);
            walk(m.value(), s);
        }
    }
}
