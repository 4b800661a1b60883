package dev.witbox.abi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.api.value.WitValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random value types and values, round-tripped through memory, through flat values, and
 * through a whole host → export → import → host call. A failure names its seed, which replays it.
 */
class RandomRoundTripTest {

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomValuesRoundTrip(long seed) {
        Random random = new Random(seed);
        Generator gen = new Generator(random);
        ValueType type = gen.type(3);
        for (int i = 0; i < 3; i++) {
            WitValue value = gen.value(type);
            String what = "seed " + seed + ": " + TypeNames.of(type) + " = " + value;

            FakeGuest guest = new FakeGuest(1 << 18);
            Codec codec = Codecs.of(type);
            long at = guest.realloc(0, 0, codec.alignment, codec.size);
            codec.store(guest.context(), value, at);
            assertThat(codec.load(guest.context(), at)).as(what).isEqualTo(value);

            long[] flat = new long[codec.flatCount];
            codec.lowerFlat(guest.context(), value, new Flat(flat));
            assertThat(codec.liftFlat(guest.context(), new Flat(flat))).as(what).isEqualTo(value);

            for (StringEncoding encoding : StringEncoding.values()) {
                FakeGuest g = new FakeGuest(1 << 18);
                assertThat(echo(g, type, value, encoding)).as(what + " in " + encoding).isEqualTo(value);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomParameterListsSpillExactlyWhenTheyFlattenToMoreThan16(long seed) {
        Random random = new Random(seed);
        Generator gen = new Generator(random);
        int n = 1 + random.nextInt(8);
        List<FunctionType.Param> params = new ArrayList<>();
        WitValue[] args = new WitValue[n];
        for (int i = 0; i < n; i++) {
            ValueType t = gen.type(2);
            params.add(new FunctionType.Param("p" + i, t));
            args[i] = gen.value(t);
        }
        FunctionType ft = new FunctionType(params, null);
        FakeGuest guest = new FakeGuest(1 << 18);
        List<WitValue> seen = new ArrayList<>();
        LoweredFunction imported = LoweredFunction.of("sink", ft, guest.options(), guest.instance, a -> {
            seen.addAll(List.of(a));
            return null;
        });
        LiftedFunction exported = LiftedFunction.of("forward", ft, guest.options(), guest.instance, imported::call);
        int flat = Layout.flatten(params.stream().map(FunctionType.Param::type).toList()).size();
        assertThat(exported.coreParams()).hasSize(flat > 16 ? 1 : flat);
        exported.call(args);
        assertThat(seen).as("seed " + seed).containsExactly(args);
    }

    private static WitValue echo(FakeGuest guest, ValueType type, WitValue value, StringEncoding encoding) {
        FunctionType ft = new FunctionType(List.of(new FunctionType.Param("x", type)), type);
        CanonicalOptions options = guest.options(encoding);
        LoweredFunction imported = LoweredFunction.of("echo-import", ft, options, guest.instance, args -> args[0]);
        boolean spill = Layout.flatten(type).size() > 1;
        CoreFunction core = args -> {
            if (!spill) {
                return imported.call(args);
            }
            long ret = guest.realloc(0, 0, Layout.alignment(type), Layout.size(type));
            long[] withRet = java.util.Arrays.copyOf(args, args.length + 1);
            withRet[args.length] = (int) ret;
            imported.call(withRet);
            return new long[] {(int) ret};
        };
        return LiftedFunction.of("echo", ft, options, guest.instance, core).call(value);
    }

    /** Random value types (no handles: they move rather than copy) and values of them. */
    static final class Generator {
        private static final ValueType.Scalar[] SCALARS = ValueType.Scalar.values();
        private static final String CHARS = "aZ0 é\u00ffĀ✓世\uD83D\uDE00\uD834\uDD1E\u0000";

        private final Random random;

        Generator(Random random) {
            this.random = random;
        }

        ValueType type(int depth) {
            int kind = depth <= 0 ? 0 : random.nextInt(13);
            switch (kind) {
                case 1:
                    return new ValueType.ListOf(type(depth - 1));
                case 2:
                    return new ValueType.FixedListOf(type(depth - 1), 1 + random.nextInt(3));
                case 3: {
                    List<ValueType.Field> fields = new ArrayList<>();
                    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                        fields.add(new ValueType.Field("f" + i, type(depth - 1)));
                    }
                    return new ValueType.RecordOf(fields);
                }
                case 4: {
                    List<ValueType> elements = new ArrayList<>();
                    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                        elements.add(type(depth - 1));
                    }
                    return new ValueType.TupleOf(elements);
                }
                case 5: {
                    List<ValueType.Case> cases = new ArrayList<>();
                    for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
                        cases.add(new ValueType.Case("c" + i, random.nextInt(4) == 0 ? null : type(depth - 1)));
                    }
                    return new ValueType.VariantOf(cases);
                }
                case 6: {
                    List<String> cases = new ArrayList<>();
                    for (int i = 0, n = 1 + random.nextInt(random.nextBoolean() ? 5 : 300); i < n; i++) {
                        cases.add("e" + i);
                    }
                    return new ValueType.EnumOf(cases);
                }
                case 7:
                    return new ValueType.OptionOf(type(depth - 1));
                case 8:
                    return new ValueType.ResultOf(random.nextInt(3) == 0 ? null : type(depth - 1),
                            random.nextInt(3) == 0 ? null : type(depth - 1));
                case 9: {
                    List<String> flags = new ArrayList<>();
                    for (int i = 0, n = 1 + random.nextInt(32); i < n; i++) {
                        flags.add("f" + i);
                    }
                    return new ValueType.FlagsOf(flags);
                }
                case 10:
                    return new ValueType.ListOf(ValueType.Scalar.U8);
                case 11: {
                    ValueType.Scalar key;
                    do {
                        key = SCALARS[random.nextInt(SCALARS.length)];
                    } while (key == ValueType.Scalar.F32 || key == ValueType.Scalar.F64);
                    return new ValueType.MapOf(key, type(depth - 1));
                }
                default:
                    return SCALARS[random.nextInt(SCALARS.length)];
            }
        }

        WitValue value(ValueType type) {
            if (type instanceof ValueType.Scalar s) {
                return scalar(s);
            } else if (type instanceof ValueType.ListOf l) {
                if (l.element() == ValueType.Scalar.U8) {
                    byte[] bytes = new byte[random.nextInt(20)];
                    random.nextBytes(bytes);
                    return new WitValue.Bytes(bytes);
                }
                return new WitValue.ListOf(values(l.element(), random.nextInt(4)));
            } else if (type instanceof ValueType.FixedListOf l) {
                return new WitValue.ListOf(values(l.element(), l.length()));
            } else if (type instanceof ValueType.MapOf m) {
                return new WitValue.ListOf(values(m.entries().element(), random.nextInt(4))); // keys may repeat
            } else if (type instanceof ValueType.RecordOf r) {
                List<WitValue.Field> fields = new ArrayList<>();
                r.fields().forEach(f -> fields.add(new WitValue.Field(f.name(), value(f.type()))));
                return new WitValue.Record(fields);
            } else if (type instanceof ValueType.TupleOf t) {
                List<WitValue> elements = new ArrayList<>();
                t.elements().forEach(e -> elements.add(value(e)));
                return new WitValue.Tuple(elements);
            } else if (type instanceof ValueType.VariantOf v) {
                ValueType.Case c = v.cases().get(random.nextInt(v.cases().size()));
                return new WitValue.Variant(c.name(), c.payload() == null ? null : value(c.payload()));
            } else if (type instanceof ValueType.EnumOf e) {
                return new WitValue.Enum(e.cases().get(random.nextInt(e.cases().size())));
            } else if (type instanceof ValueType.OptionOf o) {
                return random.nextBoolean() ? WitValue.Option.NONE : new WitValue.Option(value(o.element()));
            } else if (type instanceof ValueType.ResultOf r) {
                boolean ok = random.nextBoolean();
                ValueType payload = ok ? r.ok() : r.err();
                return new WitValue.Result(ok, payload == null ? null : value(payload));
            } else if (type instanceof ValueType.FlagsOf f) {
                List<String> set = new ArrayList<>();
                f.flags().forEach(name -> {
                    if (random.nextBoolean()) {
                        set.add(name);
                    }
                });
                return new WitValue.Flags(set);
            }
            throw new IllegalArgumentException(type.toString());
        }

        private List<WitValue> values(ValueType element, int n) {
            List<WitValue> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(value(element));
            }
            return out;
        }

        private WitValue scalar(ValueType.Scalar s) {
            return switch (s) {
                case BOOL -> new WitValue.Bool(random.nextBoolean());
                case S8 -> new WitValue.S8((byte) random.nextInt());
                case U8 -> new WitValue.U8(random.nextInt(256));
                case S16 -> new WitValue.S16((short) random.nextInt());
                case U16 -> new WitValue.U16(random.nextInt(65536));
                case S32 -> new WitValue.S32(random.nextInt());
                case U32 -> new WitValue.U32(random.nextInt() & 0xFFFF_FFFFL);
                case S64 -> new WitValue.S64(random.nextLong());
                case U64 -> new WitValue.U64(random.nextLong());
                case F32 -> new WitValue.F32(Float.intBitsToFloat(random.nextInt()));
                case F64 -> new WitValue.F64(Double.longBitsToDouble(random.nextLong()));
                case CHAR -> {
                    int cp;
                    do {
                        cp = random.nextInt(0x110000);
                    } while (cp >= 0xD800 && cp <= 0xDFFF);
                    yield new WitValue.Char(cp);
                }
                case STRING -> {
                    StringBuilder sb = new StringBuilder();
                    int n = random.nextInt(12);
                    boolean latin1Only = random.nextBoolean();
                    for (int i = 0; i < n; i++) {
                        int k = random.nextInt(latin1Only ? 6 : CHARS.length() - 1);
                        char c = CHARS.charAt(k);
                        sb.append(c);
                        if (Character.isHighSurrogate(c)) {
                            sb.append(CHARS.charAt(k + 1));
                        } else if (Character.isLowSurrogate(c)) {
                            sb.setLength(sb.length() - 1);
                        }
                    }
                    yield new WitValue.Str(sb.toString());
                }
            };
        }
    }
}
