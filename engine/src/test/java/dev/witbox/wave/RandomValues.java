package dev.witbox.wave;

import dev.witbox.abi.ValueType;
import dev.witbox.abi.ValueType.Scalar;
import dev.witbox.api.value.WitValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** A seeded generator of value types and of values of a type, for property-style tests. */
final class RandomValues {

    /** Labels, keywords among them (so '%' is exercised), and both letter cases. */
    private static final String[] LABELS = {"a", "b", "x-y", "ok", "none", "some", "err", "true", "false", "inf",
        "nan", "HTTP3", "method-GET", "b0", "f31", "kebab-case-name", "z"};

    /** The types a map key may have. */
    private static final Scalar[] KEYS = {Scalar.BOOL, Scalar.S8, Scalar.U8, Scalar.S16, Scalar.U16, Scalar.S32,
        Scalar.U32, Scalar.S64, Scalar.U64, Scalar.CHAR, Scalar.STRING};

    private final Random random;

    RandomValues(long seed) {
        this.random = new Random(seed);
    }

    ValueType type(int depth) {
        int kind = random.nextInt(depth <= 0 ? 13 : 23);
        if (kind < 13) {
            return Scalar.values()[kind];
        }
        return switch (kind) {
            case 13 -> new ValueType.ListOf(type(depth - 1));
            case 14 -> new ValueType.FixedListOf(type(depth - 1), 1 + random.nextInt(3));
            case 15 -> {
                List<ValueType> elements = new ArrayList<>();
                for (int i = random.nextInt(3); i >= 0; i--) {
                    elements.add(type(depth - 1));
                }
                yield new ValueType.TupleOf(elements);
            }
            case 16 -> {
                List<ValueType.Field> fields = new ArrayList<>();
                for (String name : labels(1 + random.nextInt(4))) {
                    fields.add(new ValueType.Field(name, type(depth - 1)));
                }
                yield new ValueType.RecordOf(fields);
            }
            case 17 -> {
                List<ValueType.Case> cases = new ArrayList<>();
                for (String name : labels(1 + random.nextInt(4))) {
                    cases.add(new ValueType.Case(name, random.nextBoolean() ? type(depth - 1) : null));
                }
                yield new ValueType.VariantOf(cases);
            }
            case 18 -> new ValueType.EnumOf(labels(1 + random.nextInt(5)));
            case 19 -> new ValueType.OptionOf(type(depth - 1));
            case 20 -> new ValueType.ResultOf(random.nextBoolean() ? type(depth - 1) : null,
                    random.nextBoolean() ? type(depth - 1) : null);
            case 21 -> new ValueType.MapOf(KEYS[random.nextInt(KEYS.length)], type(depth - 1));
            default -> new ValueType.FlagsOf(labels(1 + random.nextInt(8)));
        };
    }

    private List<String> labels(int n) {
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < n) {
            names.add(LABELS[random.nextInt(LABELS.length)]);
        }
        return List.copyOf(names);
    }

    WitValue value(ValueType type) {
        if (type instanceof Scalar s) {
            return scalar(s);
        }
        if (type instanceof ValueType.ListOf l) {
            int n = random.nextInt(4);
            if (l.element() == Scalar.U8) {
                byte[] b = new byte[n];
                random.nextBytes(b);
                return new WitValue.Bytes(b);
            }
            return new WitValue.ListOf(values(l.element(), n));
        }
        if (type instanceof ValueType.FixedListOf f) {
            return new WitValue.ListOf(values(f.element(), f.length()));
        }
        if (type instanceof ValueType.MapOf m) {
            // any pairs, a repeated key included: the ABI passes them all
            return new WitValue.ListOf(values(m.entries().element(), random.nextInt(4)));
        }
        if (type instanceof ValueType.TupleOf t) {
            return new WitValue.Tuple(t.elements().stream().map(this::value).toList());
        }
        if (type instanceof ValueType.RecordOf r) {
            return new WitValue.Record(r.fields().stream().map(f -> new WitValue.Field(f.name(), value(f.type()))).toList());
        }
        if (type instanceof ValueType.VariantOf v) {
            ValueType.Case c = v.cases().get(random.nextInt(v.cases().size()));
            return new WitValue.Variant(c.name(), c.payload() == null ? null : value(c.payload()));
        }
        if (type instanceof ValueType.EnumOf e) {
            return new WitValue.Enum(e.cases().get(random.nextInt(e.cases().size())));
        }
        if (type instanceof ValueType.OptionOf o) {
            return random.nextInt(3) == 0 ? WitValue.Option.NONE : new WitValue.Option(value(o.element()));
        }
        if (type instanceof ValueType.ResultOf r) {
            boolean ok = random.nextBoolean();
            ValueType payload = ok ? r.ok() : r.err();
            return new WitValue.Result(ok, payload == null ? null : value(payload));
        }
        ValueType.FlagsOf f = (ValueType.FlagsOf) type;
        return new WitValue.Flags(f.flags().stream().filter(x -> random.nextBoolean()).toList());
    }

    private List<WitValue> values(ValueType element, int n) {
        List<WitValue> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(value(element));
        }
        return values;
    }

    private WitValue scalar(Scalar s) {
        return switch (s) {
            case BOOL -> new WitValue.Bool(random.nextBoolean());
            case S8 -> new WitValue.S8((byte) edgy());
            case S16 -> new WitValue.S16((short) edgy());
            case S32 -> new WitValue.S32((int) edgy());
            case S64 -> new WitValue.S64(edgy());
            case U8 -> new WitValue.U8((int) (edgy() & 0xFF));
            case U16 -> new WitValue.U16((int) (edgy() & 0xFFFF));
            case U32 -> new WitValue.U32(edgy() & 0xFFFF_FFFFL);
            case U64 -> new WitValue.U64(edgy());
            case F32 -> new WitValue.F32(randomFloat());
            case F64 -> new WitValue.F64(randomDouble());
            case CHAR -> new WitValue.Char(codePoint());
            case STRING -> {
                StringBuilder sb = new StringBuilder();
                for (int i = random.nextInt(6); i > 0; i--) {
                    sb.appendCodePoint(codePoint());
                }
                yield new WitValue.Str(sb.toString());
            }
        };
    }

    /** Mostly the values at the edges of the integer types, sometimes anything. */
    private long edgy() {
        long[] edges = {0, 1, -1, Byte.MIN_VALUE, Byte.MAX_VALUE, 0xFF, Short.MIN_VALUE, Short.MAX_VALUE, 0xFFFF,
            Integer.MIN_VALUE, Integer.MAX_VALUE, 0xFFFF_FFFFL, Long.MIN_VALUE, Long.MAX_VALUE};
        return random.nextBoolean() ? edges[random.nextInt(edges.length)] : random.nextLong() >> random.nextInt(64);
    }

    float randomFloat() {
        float[] specials = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
            Float.MAX_VALUE, Float.MIN_NORMAL, 0.1f, 1f / 3};
        return random.nextInt(4) == 0 ? specials[random.nextInt(specials.length)] : Float.intBitsToFloat(random.nextInt());
    }

    double randomDouble() {
        double[] specials = {0d, -0d, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
            Double.MAX_VALUE, Double.MIN_NORMAL, 0.1, 1d / 3};
        return random.nextInt(4) == 0 ? specials[random.nextInt(specials.length)] : Double.longBitsToDouble(random.nextLong());
    }

    /** Any Unicode scalar value, with ASCII, controls and the characters WAVE escapes more likely. */
    private int codePoint() {
        return switch (random.nextInt(5)) {
            case 0 -> random.nextInt(0x80);
            case 1 -> "\\'\"\t\n\r\u0000\u007f\u0085\u00ad\u0301\u2028\ue000\uffff".codePointAt(random.nextInt(14));
            case 2 -> 0x10000 + random.nextInt(0x100000);
            default -> {
                int cp;
                do {
                    cp = random.nextInt(0x110000);
                } while (cp >= 0xD800 && cp <= 0xDFFF);
                yield cp;
            }
        };
    }
}
