package dev.witbox.component;

import java.util.Optional;

/**
 * Computes the {@link Shape} of value types (CanonicalABI flattening, alignment and element size). Type
 * references resolve to the shapes already stored in the scope, so each computation is shallow.
 */
final class Shapes {

    private Shapes() {
    }


    static Shape of(ValType t, Scope scope) {
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

    private static Shape of(Optional<ValType> t, Scope scope) {
        return t.isPresent() ? of(t.get(), scope) : Shape.EMPTY;
    }

    /** Shape of a defined value type, following CanonicalABI flattening, alignment and element size. */
    static Shape of(DefinedType d, Scope scope) {
        if (d instanceof DefinedType.Primitive prim) {
            return primitiveShape(prim.type());
        } else if (d instanceof DefinedType.Record rec) {
            Shape s = Shape.EMPTY;
            for (DefinedType.Field f : rec.fields()) {
                s = s.plus(of(f.type(), scope));
            }
            return s.closed();
        } else if (d instanceof DefinedType.Tuple tup) {
            Shape s = Shape.EMPTY;
            for (ValType t : tup.types()) {
                s = s.plus(of(t, scope));
            }
            return s.closed();
        } else if (d instanceof DefinedType.Variant v) {
            Shape s = Shape.EMPTY;
            for (DefinedType.Case c : v.cases()) {
                s = s.joinCase(of(c.type(), scope));
            }
            return s.asVariantPayload(v.cases().size());
        } else if (d instanceof DefinedType.ListType l) {
            return of(l.element(), scope).asListElement();
        } else if (d instanceof DefinedType.FixedList l) {
            return of(l.element(), scope).repeated(l.length());
        } else if (d instanceof DefinedType.Flags f) {
            int n = f.labels().size();
            return Shape.scalar(CoreValType.I32, n <= 8 ? 1 : n <= 16 ? 2 : 4);
        } else if (d instanceof DefinedType.Enum e) {
            return Shape.EMPTY.asVariantPayload(e.labels().size());
        } else if (d instanceof DefinedType.Option o) {
            return of(o.type(), scope).asVariantPayload(2);
        } else if (d instanceof DefinedType.Result res) {
            return of(res.ok(), scope).joinCase(of(res.error(), scope)).asVariantPayload(2);
        } else if (d instanceof DefinedType.Own) {
            return Shape.HANDLE;
        } else if (d instanceof DefinedType.Borrow) {
            return Shape.BORROW;
        } else if (d instanceof DefinedType.MapType m) {
            Shape entry = of(m.key(), scope).plus(of(m.value(), scope)).closed();
            return entry.asListElement();
        }
        // stream, future: an i32 handle
        return Shape.scalar(CoreValType.I32, 4);
    }
}
