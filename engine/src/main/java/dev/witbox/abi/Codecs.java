package dev.witbox.abi;

import java.util.ArrayList;
import java.util.List;

/** Builds the codec tree of a value type (WIT types are never recursive, so a tree it is). */
final class Codecs {

    private Codecs() {}

    static Codec of(ValueType type) {
        if (type instanceof ValueType.Scalar s) {
            return s == ValueType.Scalar.STRING ? new StringCodec() : ScalarCodecs.of(s);
        } else if (type instanceof ValueType.ListOf l) {
            return l.element() == ValueType.Scalar.U8
                    ? new ByteListCodec(l, of(l.element()))
                    : new ListCodec(l, of(l.element()));
        } else if (type instanceof ValueType.MapOf m) {
            // the list codec over the entry tuples: a map lifts as a list of 2-tuples, every pair kept
            return new ListCodec(m, tuple((ValueType.TupleOf) m.entries().element()));
        } else if (type instanceof ValueType.FixedListOf l) {
            return new FixedListCodec(l, of(l.element()));
        } else if (type instanceof ValueType.RecordOf r) {
            List<ValueType> types = new ArrayList<>();
            r.fields().forEach(f -> types.add(f.type()));
            return new FieldsCodec(r, codecs(types), types,
                    r.fields().stream().map(ValueType.Field::name).toArray(String[]::new));
        } else if (type instanceof ValueType.TupleOf t) {
            return tuple(t);
        } else if (type instanceof ValueType.VariantOf v) {
            Codec[] payloads = new Codec[v.cases().size()];
            for (int i = 0; i < payloads.length; i++) {
                ValueType p = v.cases().get(i).payload();
                payloads[i] = p == null ? null : of(p);
            }
            return new CasesCodec.VariantCodec(v, payloads);
        } else if (type instanceof ValueType.EnumOf e) {
            return new CasesCodec.EnumCodec(e);
        } else if (type instanceof ValueType.OptionOf o) {
            return new CasesCodec.OptionCodec(o, of(o.element()));
        } else if (type instanceof ValueType.ResultOf r) {
            return new CasesCodec.ResultCodec(r,
                    r.ok() == null ? null : of(r.ok()), r.err() == null ? null : of(r.err()));
        } else if (type instanceof ValueType.FlagsOf f) {
            return new FlagsCodec(f);
        } else if (type instanceof ValueType.OwnOf o) {
            return new HandleCodecs.OwnCodec(o);
        } else if (type instanceof ValueType.BorrowOf b) {
            return new HandleCodecs.BorrowCodec(b);
        }
        throw new IllegalArgumentException("unknown value type " + type);
    }

    static FieldsCodec tuple(ValueType.TupleOf type) {
        return new FieldsCodec(type, codecs(type.elements()), type.elements(), null);
    }

    private static Codec[] codecs(List<ValueType> types) {
        Codec[] out = new Codec[types.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = of(types.get(i));
        }
        return out;
    }

    /** Whether values of {@code type} keep data in memory (strings and lists), needing memory and realloc. */
    static boolean usesMemory(ValueType type) {
        return contains(type, true);
    }

    static boolean containsBorrow(ValueType type) {
        return contains(type, false);
    }

    private static boolean contains(ValueType type, boolean memory) {
        if (type instanceof ValueType.Scalar s) {
            return memory && s == ValueType.Scalar.STRING;
        } else if (type instanceof ValueType.ListOf l) {
            return memory || contains(l.element(), memory);
        } else if (type instanceof ValueType.MapOf m) {
            return memory || contains(m.key(), memory) || contains(m.value(), memory);
        } else if (type instanceof ValueType.FixedListOf l) {
            return contains(l.element(), memory);
        } else if (type instanceof ValueType.RecordOf r) {
            return r.fields().stream().anyMatch(f -> contains(f.type(), memory));
        } else if (type instanceof ValueType.TupleOf t) {
            return t.elements().stream().anyMatch(e -> contains(e, memory));
        } else if (type instanceof ValueType.VariantOf v) {
            return v.cases().stream().anyMatch(c -> c.payload() != null && contains(c.payload(), memory));
        } else if (type instanceof ValueType.OptionOf o) {
            return contains(o.element(), memory);
        } else if (type instanceof ValueType.ResultOf r) {
            return (r.ok() != null && contains(r.ok(), memory)) || (r.err() != null && contains(r.err(), memory));
        } else if (type instanceof ValueType.BorrowOf) {
            return !memory;
        }
        return false; // enum, flags, own
    }
}
