package dev.witbox.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Typed calls ({@link LiftedFunction#callJava}): Java values lowered and lifted through {@link JavaShape}s
 * reach the guest exactly as the same values as {@code WitValue}s do (same realloc calls, same bytes, same
 * flat arguments), come back equal, and an argument that does not fit is refused naming its parameter.
 */
class JavaFunctionTest {

    record Line(long id, short count, boolean urgent) {}

    record Order(String customer, List<Line> lines, List<Double> weights, int mark, byte level, float ratio) {}

    static final ValueType LINE = new ValueType.RecordOf(List.of(field("id", "u32"), field("count", "u8"),
            field("urgent", "bool")));
    static final ValueType ORDER = new ValueType.RecordOf(List.of(field("customer", "string"),
            new ValueType.Field("lines", new ValueType.ListOf(LINE)), field("weights", "list<f64>"),
            field("mark", "char"), field("level", "s8"), field("ratio", "f32")));
    static final FunctionType ECHO = new FunctionType(List.of(new FunctionType.Param("order", ORDER)), ORDER);

    private static ValueType.Field field(String name, String type) {
        return new ValueType.Field(name, TypeSyntax.parse(type));
    }

    static JavaShape lineShape() {
        return JavaShape.<Line>record(f -> new Line((long) f[0], (short) f[1], (boolean) f[2]))
                .field(Line::id, JavaShape.PLAIN).field(Line::count, JavaShape.PLAIN).field(Line::urgent, JavaShape.PLAIN);
    }

    @SuppressWarnings("unchecked")
    static JavaShape orderShape() {
        return JavaShape.<Order>record(f -> new Order((String) f[0], (List<Line>) f[1], (List<Double>) f[2], (int) f[3],
                        (byte) f[4], (float) f[5]))
                .field(Order::customer, JavaShape.PLAIN)
                .field(Order::lines, JavaShape.list(lineShape()))
                .field(Order::weights, JavaShape.list(JavaShape.PLAIN))
                .field(Order::mark, JavaShape.PLAIN)
                .field(Order::level, JavaShape.PLAIN)
                .field(Order::ratio, JavaShape.PLAIN);
    }

    static Order randomOrder(Random random) {
        List<Line> lines = new ArrayList<>();
        for (int i = random.nextInt(20); i > 0; i--) {
            lines.add(new Line(random.nextInt() & 0xFFFF_FFFFL, (short) random.nextInt(256), random.nextBoolean()));
        }
        List<Double> weights = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            weights.add(random.nextDouble() * 1e6 - 5e5);
        }
        StringBuilder customer = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            customer.appendCodePoint(random.nextInt(3) == 0 ? 0x1F600 + random.nextInt(40) : 'a' + random.nextInt(26));
        }
        return new Order(customer.toString(), lines, weights, random.nextBoolean() ? 'x' : 0x10FFFF,
                (byte) random.nextInt(), random.nextFloat());
    }

    /** The same order as a WitValue tree, written out by hand (not through the shapes under test). */
    static WitValue asWitValue(Order o) {
        List<WitValue> lines = new ArrayList<>();
        for (Line l : o.lines()) {
            lines.add(new WitValue.Record(List.of(new WitValue.Field("id", new WitValue.U32(l.id())),
                    new WitValue.Field("count", new WitValue.U8(l.count())),
                    new WitValue.Field("urgent", new WitValue.Bool(l.urgent())))));
        }
        List<WitValue> weights = new ArrayList<>();
        o.weights().forEach(w -> weights.add(new WitValue.F64(w)));
        return new WitValue.Record(List.of(new WitValue.Field("customer", new WitValue.Str(o.customer())),
                new WitValue.Field("lines", new WitValue.ListOf(lines)),
                new WitValue.Field("weights", new WitValue.ListOf(weights)),
                new WitValue.Field("mark", new WitValue.Char(o.mark())),
                new WitValue.Field("level", new WitValue.S8(o.level())),
                new WitValue.Field("ratio", new WitValue.F32(o.ratio()))));
    }

    /** An export whose core function records its flat arguments and returns the order it was passed, spilled. */
    static LiftedFunction echo(FakeGuest guest, AtomicReference<long[]> seen) {
        LoweredFunction imported = LoweredFunction.of("echo-import", ECHO, guest.options(), guest.instance,
                args -> args[0]);
        return LiftedFunction.of("echo", ECHO, guest.options(), guest.instance, args -> {
            seen.set(args.clone());
            long ret = guest.realloc(0, 0, Layout.alignment(ORDER), Layout.size(ORDER));
            long[] withRet = Arrays.copyOf(args, args.length + 1);
            withRet[args.length] = (int) ret;
            imported.call(withRet);
            return new long[] {(int) ret};
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void javaValuesReachTheGuestAsTheirWitValuesDoAndComeBackEqual(long seed) {
        Order order = randomOrder(new Random(seed));
        JavaFunction typed = JavaFunction.of("echo", ECHO, orderShape(), orderShape());

        FakeGuest viaWit = new FakeGuest();
        AtomicReference<long[]> witArgs = new AtomicReference<>();
        WitValue witResult = echo(viaWit, witArgs).call(asWitValue(order));
        FakeGuest viaJava = new FakeGuest();
        AtomicReference<long[]> javaArgs = new AtomicReference<>();
        Object javaResult = echo(viaJava, javaArgs).callJava(typed, order);

        assertThat(javaArgs.get()).containsExactly(witArgs.get());
        assertThat(viaJava.reallocCalls).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(viaWit.reallocCalls);
        assertThat(viaJava.memory.bytes()).isEqualTo(viaWit.memory.bytes());
        assertThat(javaResult).isEqualTo(order);
        assertThat(witResult).isEqualTo(asWitValue(order));
        // what an invoker that only takes WitValues gets, and gives back
        assertThat(typed.toWitValues(new Object[] {order})).containsExactly(asWitValue(order));
        assertThat(typed.fromWitValue(asWitValue(order))).isEqualTo(order);
    }

    @Test
    void liftedListsAreUnmodifiable() {
        Order order = randomOrder(new Random(7));
        Order back = (Order) echo(new FakeGuest(), new AtomicReference<>())
                .callJava(JavaFunction.of("echo", ECHO, orderShape(), orderShape()), order);
        assertThat(back).isEqualTo(order);
        assertThatThrownBy(() -> back.lines().add(new Line(1, (short) 1, true)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anArgumentThatDoesNotFitIsRefusedNamingItsParameterAndTheExportIsNotCalled() {
        JavaFunction typed = JavaFunction.of("echo", ECHO, orderShape(), orderShape());
        FakeGuest guest = new FakeGuest();
        AtomicReference<long[]> seen = new AtomicReference<>();
        LiftedFunction echo = echo(guest, seen);
        Order tooMany = new Order("c", List.of(new Line(1L << 32, (short) 1, false)), List.of(), 'x', (byte) 0, 0f);
        assertThatThrownBy(() -> echo.callJava(typed, tooMany)).isInstanceOf(JavaArgumentException.class)
                .hasMessageContaining("'echo'").hasMessageContaining("'order'").hasMessageContaining("u32");
        Order badCount = new Order("c", List.of(new Line(1, (short) 256, false)), List.of(), 'x', (byte) 0, 0f);
        assertThatThrownBy(() -> echo.callJava(typed, badCount)).isInstanceOf(JavaArgumentException.class)
                .hasMessageContaining("256").hasMessageContaining("u8");
        Order surrogate = new Order("c", List.of(), List.of(), 0xD800, (byte) 0, 0f);
        assertThatThrownBy(() -> echo.callJava(typed, surrogate)).isInstanceOf(JavaArgumentException.class);
        Order nullLine = new Order("c", Arrays.asList((Line) null), List.of(), 'x', (byte) 0, 0f);
        assertThatThrownBy(() -> echo.callJava(typed, nullLine)).isInstanceOf(JavaArgumentException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> echo.callJava(typed, (Object) null)).isInstanceOf(JavaArgumentException.class)
                .hasMessageContaining("'order'");
        assertThatThrownBy(() -> typed.toWitValues(new Object[] {null})).isInstanceOf(JavaArgumentException.class);
        assertThat(seen.get()).as("the export never ran").isNull();
        assertThat(guest.instance.mayLeave).as("the instance left as it was").isTrue();
    }

    @Test
    void seventeenParametersSpillToTheParameterAreaAsWitValuesDo() {
        List<FunctionType.Param> params = new ArrayList<>();
        Object[] javaArgs = new Object[17];
        WitValue[] witArgs = new WitValue[17];
        JavaShape[] shapes = new JavaShape[17];
        for (int i = 0; i < 16; i++) {
            params.add(new FunctionType.Param("p" + i, ValueType.Scalar.U32));
            javaArgs[i] = 100L + i;
            witArgs[i] = new WitValue.U32(100 + i);
            shapes[i] = JavaShape.PLAIN;
        }
        params.add(new FunctionType.Param("s", ValueType.Scalar.STRING));
        javaArgs[16] = "seventeen";
        witArgs[16] = new WitValue.Str("seventeen");
        shapes[16] = JavaShape.PLAIN;
        FunctionType type = new FunctionType(params, ValueType.Scalar.U32);
        FakeGuest viaWit = new FakeGuest();
        FakeGuest viaJava = new FakeGuest();
        LiftedFunction.of("f", type, viaWit.options(), viaWit.instance, args -> new long[] {args[0]}).call(witArgs);
        Object result = LiftedFunction.of("f", type, viaJava.options(), viaJava.instance, args -> new long[] {args[0]})
                .callJava(JavaFunction.of("f", type, JavaShape.PLAIN, shapes), javaArgs);
        assertThat(viaJava.memory.bytes()).isEqualTo(viaWit.memory.bytes());
        assertThat(result).as("the parameter area's pointer, as a u32").isEqualTo(16L);
    }

    @Test
    void aShapeThatDoesNotFitItsTypeIsRefusedWhenPlanned() {
        assertThatThrownBy(() -> JavaFunction.of("echo", ECHO, JavaShape.PLAIN, orderShape()))
                .isInstanceOf(WitboxException.class).hasMessageContaining("plain");
        assertThatThrownBy(() -> JavaFunction.of("echo", ECHO, orderShape(), lineShape()))
                .isInstanceOf(WitboxException.class).hasMessageContaining("record");
        FunctionType bytes = new FunctionType(List.of(new FunctionType.Param("b", TypeSyntax.parse("list<u8>"))), null);
        assertThatThrownBy(() -> JavaFunction.of("f", bytes, null, JavaShape.list(JavaShape.PLAIN)))
                .isInstanceOf(WitboxException.class).hasMessageContaining("list<u8>");
    }
}
