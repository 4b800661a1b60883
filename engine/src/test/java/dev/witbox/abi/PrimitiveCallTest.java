package dev.witbox.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Calls of functions of scalars with Java primitives ({@link LiftedFunction#callPrimitive}): for every scalar
 * type, each value reaches the guest as the same flat value the boxed typed call ({@link LiftedFunction#callJava},
 * itself pinned to the {@code WitValue} call by {@link JavaFunctionTest}) passes, the result comes back as the
 * same Java value, an argument out of its type's range is refused naming its parameter before the export runs,
 * and the boxed fallback of {@link PrimitiveCall} agrees with both.
 */
class PrimitiveCallTest {

    /** A guest echoing its one argument back as its one result, recording the flat arguments it saw. */
    private static LiftedFunction echo(String type, FakeGuest guest, AtomicReference<long[]> seen) {
        return FunctionPlan.of("echo-" + type, echoType(type)).lift(guest.options(), guest.instance, args -> {
            seen.set(args.clone());
            return new long[] {args[0]};
        });
    }

    private static FunctionType echoType(String type) {
        ValueType t = TypeSyntax.parse(type);
        return new FunctionType(List.of(new FunctionType.Param("x", t)), t);
    }

    /** Java primitives of the bindings widened to longs, as the generated glue passes them. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "bool, 0", "bool, 1",
        "s8, -128", "s8, 127", "u8, 0", "u8, 255",
        "s16, -32768", "s16, 32767", "u16, 0", "u16, 65535",
        "s32, -2147483648", "s32, 2147483647", "u32, 0", "u32, 4294967295",
        "s64, -9223372036854775808", "s64, 9223372036854775807", "u64, -1", "u64, 0",
        "f32, 1065353216", "f32, -2147483648", "f32, 2139095040", "f32, -8388607",
        "f64, 4607182418800017408", "f64, -9223372036854775808", "f64, 9221120237041090561",
        "char, 0", "char, 55295", "char, 57344", "char, 1114111",
    })
    void everyScalarReachesTheGuestAsTheBoxedCallPassesItAndComesBackTheSame(String type, long value) {
        FakeGuest guest = new FakeGuest();
        AtomicReference<long[]> seen = new AtomicReference<>();
        LiftedFunction echo = echo(type, guest, seen);
        assertThat(echo.takesPrimitives()).isTrue();
        PrimitiveCall call = PrimitiveCall.of("echo-" + type, echoType(type));

        long result = echo.callPrimitive(value, 0, 0, 0);
        long[] primitiveFlat = seen.get();

        Object[] boxed = call.box(value, 0, 0, 0);
        Object boxedResult = echo.callJava(call.boxed(), boxed);
        assertThat(primitiveFlat).as("flat arguments").containsExactly(seen.get());
        assertThat(result).as("result").isEqualTo(call.unbox(boxedResult));
        assertThat(guest.instance.isInCall()).isFalse();
    }

    @Test
    void nanIsCanonicalOnTheWayInAndOut() {
        FakeGuest guest = new FakeGuest();
        AtomicReference<long[]> seen = new AtomicReference<>();
        int quietNanWithPayload = 0x7fc0_1234;
        long r = echo("f32", guest, seen).callPrimitive(quietNanWithPayload, 0, 0, 0);
        assertThat(seen.get()[0]).isEqualTo(ScalarCodecs.CANONICAL_F32_NAN);
        assertThat((int) r).isEqualTo(ScalarCodecs.CANONICAL_F32_NAN);
        long d = echo("f64", guest, seen).callPrimitive(0x7ff0_0000_0000_0001L, 0, 0, 0);
        assertThat(seen.get()[0]).isEqualTo(ScalarCodecs.CANONICAL_F64_NAN);
        assertThat(d).isEqualTo(ScalarCodecs.CANONICAL_F64_NAN);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"u8, 256", "u8, -1", "s8, 128", "u16, 65536", "s16, -32769", "u32, -1", "u32, 4294967296",
        "s32, 2147483648", "char, 55296", "char, 1114112", "char, -1"})
    void anArgumentOutOfRangeIsRefusedNamingItsParameterBeforeTheExportRuns(String type, long value) {
        FakeGuest guest = new FakeGuest();
        AtomicReference<long[]> seen = new AtomicReference<>();
        LiftedFunction echo = echo(type, guest, seen);
        assertThatThrownBy(() -> echo.callPrimitive(value, 0, 0, 0)).isInstanceOf(JavaArgumentException.class)
                .hasMessageContaining("'echo-" + type + "'").hasMessageContaining("'x'");
        assertThat(seen.get()).as("the export never ran").isNull();
        assertThat(guest.instance.isInCall()).as("the instance may be entered again").isFalse();
        PrimitiveCall call = PrimitiveCall.of("echo-" + type, echoType(type));
        assertThatThrownBy(() -> call.box(value, 0, 0, 0)).isInstanceOf(JavaArgumentException.class);
    }

    @Test
    void aResultThatIsNoCharTrapsAsTheWitValueCallDoes() {
        FakeGuest guest = new FakeGuest();
        ValueType c = TypeSyntax.parse("char");
        LiftedFunction f = FunctionPlan.of("bad-char", new FunctionType(List.of(), c))
                .lift(guest.options(), guest.instance, args -> new long[] {0xD800});
        assertThatThrownBy(() -> f.callPrimitive(0, 0, 0, 0)).isInstanceOf(CanonicalAbiTrap.class)
                .hasMessageContaining("invalid char");
        assertThatThrownBy(() -> f.call()).isInstanceOf(CanonicalAbiTrap.class).hasMessageContaining("invalid char");
    }

    @Test
    void fourParametersAndNoResult() {
        FakeGuest guest = new FakeGuest();
        AtomicReference<long[]> seen = new AtomicReference<>();
        FunctionType f = new FunctionType(List.of(new FunctionType.Param("a", TypeSyntax.parse("u8")),
                new FunctionType.Param("b", TypeSyntax.parse("s64")), new FunctionType.Param("c", TypeSyntax.parse("bool")),
                new FunctionType.Param("d", TypeSyntax.parse("f64"))), null);
        LiftedFunction four = FunctionPlan.of("four", f).lift(guest.options(), guest.instance, args -> {
            seen.set(args.clone());
            return new long[0];
        });
        assertThat(four.callPrimitive(7, -5, 1, Double.doubleToRawLongBits(2.5))).isZero();
        assertThat(seen.get()).containsExactly(7, -5, 1, Double.doubleToRawLongBits(2.5));
        assertThat(PrimitiveCall.fits(f)).isTrue();
        FunctionType five = new FunctionType(List.of(f.params().get(0), f.params().get(0), f.params().get(0),
                f.params().get(0), f.params().get(0)), null);
        assertThat(PrimitiveCall.fits(five)).as("more than four parameters take the boxed path").isFalse();
        assertThat(PrimitiveCall.fits(new FunctionType(List.of(), TypeSyntax.parse("string")))).isFalse();
    }
}
