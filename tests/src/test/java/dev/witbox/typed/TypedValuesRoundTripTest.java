package dev.witbox.typed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.Result;
import dev.witbox.runtime.PluginInstance;
import dev.witbox.typed.values.Echo;
import dev.witbox.typed.values.Tuple2;
import dev.witbox.typed.values.Tuple3;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every WIT value type through the typed interface generated from the values guest's world: each
 * value passed to an echo export comes back equal, and a value that does not fit its WIT type is
 * refused before the call, naming the function and the parameter.
 */
class TypedValuesRoundTripTest {

    static PluginInstance instance;
    static Echo echo;

    @BeforeAll
    static void bind() {
        instance = Guests.load("values.wasm").instantiate();
        echo = instance.bind(Echo.class);
    }

    @AfterAll
    static void close() {
        instance.close();
    }

    @Test
    void scalarsComeBackEqualAtTheirLimits() {
        assertThat(echo.echoBool(true)).isTrue();
        assertThat(echo.echoBool(false)).isFalse();
        for (short v : new short[] {0, 1, 127, 128, 255}) {
            assertThat(echo.echoU8(v)).isEqualTo(v);
        }
        for (byte v : new byte[] {Byte.MIN_VALUE, -1, 0, Byte.MAX_VALUE}) {
            assertThat(echo.echoS8(v)).isEqualTo(v);
        }
        for (int v : new int[] {0, 0x7FFF, 0xFFFF}) {
            assertThat(echo.echoU16(v)).isEqualTo(v);
        }
        for (short v : new short[] {Short.MIN_VALUE, 0, Short.MAX_VALUE}) {
            assertThat(echo.echoS16(v)).isEqualTo(v);
        }
        for (long v : new long[] {0, 0x7FFF_FFFFL, 0xFFFF_FFFFL}) {
            assertThat(echo.echoU32(v)).isEqualTo(v);
        }
        for (int v : new int[] {Integer.MIN_VALUE, -1, Integer.MAX_VALUE}) {
            assertThat(echo.echoS32(v)).isEqualTo(v);
        }
        for (long v : new long[] {0, Long.MAX_VALUE, -1L /* 2^64 - 1 */, Long.MIN_VALUE}) {
            assertThat(echo.echoU64(v)).isEqualTo(v);
            assertThat(echo.echoS64(v)).isEqualTo(v);
        }
        for (float v : new float[] {0f, -0f, 1.5f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY}) {
            assertThat(Float.floatToRawIntBits(echo.echoF32(v))).isEqualTo(Float.floatToRawIntBits(v));
        }
        assertThat(echo.echoF32(Float.NaN)).isNaN();
        for (double v : new double[] {0d, -0d, 0.1, Double.MIN_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY}) {
            assertThat(Double.doubleToRawLongBits(echo.echoF64(v))).isEqualTo(Double.doubleToRawLongBits(v));
        }
        for (int v : new int[] {'a', 0, 0xD7FF, 0xE000, 0x1F600, 0x10FFFF}) {
            assertThat(echo.echoChar(v)).isEqualTo(v);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void stringsBytesAndListsComeBackEqual(long seed) {
        Random random = new Random(seed);
        String s = randomString(random, 200);
        assertThat(echo.echoString(s)).isEqualTo(s);
        assertThat(echo.echoString("")).isEmpty();
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        assertThat(echo.echoBytes(bytes)).isEqualTo(bytes);
        List<String> strings = List.of(randomString(random, 10), "", randomString(random, 30));
        assertThat(echo.echoStrings(strings)).isEqualTo(strings);
        List<List<Long>> lists = List.of(List.of(), List.of(0L, 0xFFFF_FFFFL), List.of((long) random.nextInt(1 << 30)));
        assertThat(echo.echoLists(lists)).isEqualTo(lists);
        assertThat(echo.reverseString(s)).isEqualTo(new StringBuilder(s).reverse().toString());
    }

    @Test
    void recordsTuplesVariantsEnumsAndFlagsComeBackEqual() {
        Echo.Point p = new Echo.Point(-3, Integer.MAX_VALUE);
        assertThat(echo.echoPoint(p)).isEqualTo(p);
        Echo.Big big = new Echo.Big((short) 255, (byte) -128, 65535, (short) -32768, 0xFFFF_FFFFL, -1, -1L,
                Long.MIN_VALUE, 1.25f, -2.5, true, 0x1F600, "big ✓", new byte[] {1, 2, (byte) 0xFF},
                Optional.of(7L), new Echo.Point(1, 2), Echo.Color.BLUE);
        assertThat(echo.echoBig(big)).usingRecursiveComparison().isEqualTo(big);
        Tuple3<Short, String, Double> t = new Tuple3<>((short) 200, "tuple", 3.25);
        assertThat(echo.echoTuple(t)).isEqualTo(t);
        List<Echo.Shape> shapes = List.of(new Echo.Shape.Circle(1.5f), new Echo.Shape.Rect(p), new Echo.Shape.Empty(),
                new Echo.Shape.Label("label"), new Echo.Shape.Huge(-1L));
        for (Echo.Shape shape : shapes) {
            assertThat(echo.echoShape(shape)).isEqualTo(shape);
        }
        assertThat(echo.echoShapes(shapes)).isEqualTo(shapes);
        for (Echo.Color c : Echo.Color.values()) {
            assertThat(echo.echoColor(c)).isEqualTo(c);
        }
        for (EnumSet<Echo.Perm5> set : List.of(EnumSet.noneOf(Echo.Perm5.class), EnumSet.allOf(Echo.Perm5.class),
                EnumSet.of(Echo.Perm5.WRITE, Echo.Perm5.SYSTEM))) {
            assertThat(echo.echoPerm5(set)).isEqualTo(set);
        }
        EnumSet<Echo.Perm12> p12 = EnumSet.of(Echo.Perm12.B0, Echo.Perm12.B11);
        assertThat(echo.echoPerm12(p12)).isEqualTo(p12);
        EnumSet<Echo.Perm32> p32 = EnumSet.of(Echo.Perm32.F0, Echo.Perm32.F16, Echo.Perm32.F31);
        assertThat(echo.echoPerm32(p32)).isEqualTo(p32);
        assertThat(echo.countFlags(EnumSet.allOf(Echo.Perm5.class), p12, p32)).isEqualTo(5 + 2 + 3);
        assertThat(echo.shapeArea(new Echo.Shape.Rect(new Echo.Point(3, 4)))).isEqualTo(12.0);
    }

    @Test
    void optionsAndResultsComeBackEqual() {
        for (Optional<Long> o : List.of(Optional.<Long>empty(), Optional.of(0L), Optional.of(0xFFFF_FFFFL))) {
            assertThat(echo.echoOption(o)).isEqualTo(o);
        }
        assertThat(echo.echoOptionString(Optional.of("some"))).contains("some");
        assertThat(echo.echoOptionString(Optional.empty())).isEmpty();
        for (Optional<Optional<Long>> o : List.of(Optional.<Optional<Long>>empty(), Optional.of(Optional.<Long>empty()),
                Optional.of(Optional.of(5L)))) {
            assertThat(echo.echoOptionOption(o)).isEqualTo(o);
        }
        for (Result<Long, String> r : List.of(Result.<Long, String>ok(42L), Result.<Long, String>err("no"))) {
            assertThat(echo.echoResult(r)).isEqualTo(r);
        }
        assertThat(echo.echoResultOk(Result.ok("yes"))).isEqualTo(Result.ok("yes"));
        assertThat(echo.echoResultOk(Result.err(null))).isEqualTo(Result.err(null));
        assertThat(echo.echoResultErr(Result.err("bad"))).isEqualTo(Result.err("bad"));
        assertThat(echo.echoResultErr(Result.ok(null))).isEqualTo(Result.ok(null));
        assertThat(echo.echoResultEmpty(Result.ok(null))).isEqualTo(Result.ok(null));
        assertThat(echo.echoResultEmpty(Result.err(null))).isEqualTo(Result.err(null));
        assertThat(echo.checkedDiv(7, 2)).isEqualTo(Result.ok(3));
        assertThat(echo.checkedDiv(1, 0).isOk()).isFalse();
    }

    @Test
    void manyParametersAndComputedResultsArriveIntact() {
        String sixteen = echo.many16((short) 1, (byte) -2, 3, (short) -4, 5L, -6, 7L, -8L, 1.5f, 2.5, true, 'x', 9L, -10,
                11L, 12.5);
        String seventeen = echo.many17((short) 1, (byte) -2, 3, (short) -4, 5L, -6, 7L, -8L, 1.5f, 2.5, true, 'x', 9L,
                -10, 11L, 12.5, "q");
        assertThat(seventeen).startsWith(sixteen).endsWith("q");
        assertThat(echo.stringLen("añ😀")).isEqualTo(new Tuple2<>(7L, 3L));
        assertThat(echo.sumU32(List.of(0xFFFF_FFFFL, 1L))).isEqualTo(0x1_0000_0000L);
        assertThat(echo.splitString("a,b,,c", ',')).containsExactly("a", "b", "", "c");
        assertThat(echo.joinStrings(List.of("a", "b"), "--")).isEqualTo("a--b");
        assertThat(echo.makeBig(1).mString()).isNotEmpty();
    }

    @Test
    void valuesOutsideTheirWitTypeAreRefusedNamingFunctionAndParameter() {
        assertThatThrownBy(() -> echo.echoU8((short) 256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'echo-u8'").hasMessageContaining("'x'").hasMessageContaining("256");
        assertThatThrownBy(() -> echo.echoU16(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'echo-u16'").hasMessageContaining("'x'");
        assertThatThrownBy(() -> echo.echoU32(1L << 32)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'echo-u32'");
        assertThatThrownBy(() -> echo.echoChar(0xD800)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'echo-char'");
        assertThatThrownBy(() -> echo.repeatString("x", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'repeat-string'").hasMessageContaining("'n'");
        assertThatThrownBy(() -> echo.echoString(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'echo-string'").hasMessageContaining("null");
        assertThatThrownBy(() -> echo.echoPoint(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'echo-point'");
        Echo.Big tooBig = echo.makeBig(3);
        Echo.Big bad = new Echo.Big((short) 999, tooBig.bS8(), tooBig.cU16(), tooBig.dS16(), tooBig.eU32(),
                tooBig.fS32(), tooBig.gU64(), tooBig.hS64(), tooBig.iF32(), tooBig.jF64(), tooBig.kBool(),
                tooBig.lChar(), tooBig.mString(), tooBig.nBytes(), tooBig.oOpt(), tooBig.pPoint(), tooBig.qColor());
        assertThatThrownBy(() -> echo.echoBig(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'echo-big'").hasMessageContaining("999");
        // refused before the call: the instance is still usable
        assertThat(instance.isPoisoned()).isFalse();
        assertThat(echo.echoU8((short) 255)).isEqualTo((short) 255);
    }

    private static String randomString(Random random, int maxLength) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(maxLength + 1);
        for (int i = 0; i < n; i++) {
            int cp;
            do {
                cp = random.nextInt(4) == 0 ? random.nextInt(0x10FFFF + 1) : 0x20 + random.nextInt(0x5F);
            } while (cp >= 0xD800 && cp <= 0xDFFF);
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }
}
