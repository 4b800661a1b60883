package dev.witbox.wave;

import static dev.witbox.wave.T.COLOR;
import static dev.witbox.wave.T.PERM;
import static dev.witbox.wave.T.POINT;
import static dev.witbox.wave.T.SHAPE;
import static dev.witbox.wave.T.enumOf;
import static dev.witbox.wave.T.flags;
import static dev.witbox.wave.T.list;
import static dev.witbox.wave.T.option;
import static dev.witbox.wave.T.record;
import static dev.witbox.wave.T.result;
import static dev.witbox.wave.T.tuple;
import static dev.witbox.wave.T.variant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.witbox.abi.ValueType;
import dev.witbox.abi.ValueType.Scalar;
import dev.witbox.api.value.WitValue;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reading and writing WAVE, one row per case: a type, text as someone may write it, and the
 * canonical text we write for the value it means. Every row also checks that the canonical text
 * reads back as the same value.
 */
class WaveTextTest {

    static Stream<Arguments> integers() {
        return Stream.of(
                row(Scalar.U8, "0", "0"), row(Scalar.U8, "255", "255"),
                row(Scalar.S8, "-128", "-128"), row(Scalar.S8, "127", "127"), row(Scalar.S8, "-0", "0"),
                row(Scalar.U16, "65535", "65535"), row(Scalar.S16, "-32768", "-32768"),
                row(Scalar.U32, "4294967295", "4294967295"), row(Scalar.S32, "-2147483648", "-2147483648"),
                row(Scalar.S32, "2147483647", "2147483647"),
                row(Scalar.U64, "18446744073709551615", "18446744073709551615"),
                row(Scalar.U64, "9223372036854775808", "9223372036854775808"),
                row(Scalar.S64, "-9223372036854775808", "-9223372036854775808"),
                row(Scalar.S64, "9223372036854775807", "9223372036854775807"),
                row(Scalar.U32, "  7 // seven", "7"));
    }

    static Stream<Arguments> floats() {
        return Stream.of(
                row(Scalar.F32, "1.5", "1.5"), row(Scalar.F32, "0.1", "0.1"), row(Scalar.F32, "1", "1"),
                row(Scalar.F32, "1.0", "1"), row(Scalar.F32, "-2.5e1", "-25"),
                row(Scalar.F32, "3.4028235e38", "340282350000000000000000000000000000000"),
                row(Scalar.F32, "-3.4028235e38", "-340282350000000000000000000000000000000"),
                row(Scalar.F32, "1e-45", "0.000000000000000000000000000000000000000000001"),
                row(Scalar.F32, "1.1754944e-38", "0.000000000000000000000000000000000000011754944"),
                row(Scalar.F32, "16777217", "16777216"), row(Scalar.F32, "0.3", "0.3"),
                row(Scalar.F32, "3.14159265358979", "3.1415927"), row(Scalar.F32, "1e39", "inf"),
                row(Scalar.F32, "-0", "-0"), row(Scalar.F32, "0", "0"), row(Scalar.F32, "-0.0", "-0"),
                row(Scalar.F32, "nan", "nan"), row(Scalar.F32, "inf", "inf"), row(Scalar.F32, "-inf", "-inf"),
                row(Scalar.F64, "0.1", "0.1"), row(Scalar.F64, "0.3", "0.3"), row(Scalar.F64, "-1.5e-7", "-0.00000015"),
                row(Scalar.F64, "1e21", "1000000000000000000000"), row(Scalar.F64, "1e300", "1" + "0".repeat(300)),
                row(Scalar.F64, "5e-324", "0." + "0".repeat(323) + "5"),
                row(Scalar.F64, "1.7976931348623157e308", "17976931348623157" + "0".repeat(292)),
                row(Scalar.F64, "2.2250738585072014e-308", "0." + "0".repeat(307) + "22250738585072014"),
                row(Scalar.F64, "9007199254740993", "9007199254740992"),
                row(Scalar.F64, "3.14159265358979", "3.14159265358979"),
                row(Scalar.F64, "2e23", "200000000000000000000000"),
                // Java 17's Double.toString gives 2.0E-3 and 1.0E23 right but not these (JDK-4511638)
                row(Scalar.F64, "2.0e-3", "0.002"), row(Scalar.F64, "1.0e23", "100000000000000000000000"),
                row(Scalar.F64, "5.0e-324", "0." + "0".repeat(323) + "5"),
                row(Scalar.F64, "-0", "-0"), row(Scalar.F64, "nan", "nan"), row(Scalar.F64, "inf", "inf"),
                row(Scalar.F64, "-inf", "-inf"), row(Scalar.F64, "1e400", "inf"), row(Scalar.F64, "1e-400", "0"));
    }

    static Stream<Arguments> charsAndStrings() {
        return Stream.of(
                // wasm-wave's writer: \\ \" \' \t \r \n in chars and strings alike, ...
                row(Scalar.CHAR, "'a'", "'a'"), row(Scalar.CHAR, "' '", "' '"), row(Scalar.CHAR, "'\\''", "'\\''"),
                row(Scalar.CHAR, "'\"'", "'\\\"'"), row(Scalar.CHAR, "'\\\"'", "'\\\"'"),
                row(Scalar.CHAR, "'\\\\'", "'\\\\'"), row(Scalar.CHAR, "'\\n'", "'\\n'"),
                row(Scalar.CHAR, "'\\t'", "'\\t'"), row(Scalar.CHAR, "'\\r'", "'\\r'"), row(Scalar.CHAR, "'\t'", "'\\t'"),
                // ... u{hex} escapes (lowercase, no leading zeros) for controls: C0, DEL, C1 ...
                row(Scalar.CHAR, "'\\u{0}'", "'\\u{0}'"), row(Scalar.CHAR, "'\\u{1b}'", "'\\u{1b}'"),
                row(Scalar.CHAR, "'\\u{7F}'", "'\\u{7f}'"), row(Scalar.CHAR, "'\\u{80}'", "'\\u{80}'"),
                row(Scalar.CHAR, "'\u0085'", "'\\u{85}'"), row(Scalar.CHAR, "'\\u{9f}'", "'\\u{9f}'"),
                // ... for what Rust does not count printable: Cf, Co, Cn, Zl, Zp, Zs other than the space ...
                row(Scalar.CHAR, "'\u00ad'", "'\\u{ad}'"), row(Scalar.CHAR, "'\\u{200B}'", "'\\u{200b}'"),
                row(Scalar.CHAR, "'\\u{feff}'", "'\\u{feff}'"), row(Scalar.CHAR, "'\\u{e000}'", "'\\u{e000}'"),
                row(Scalar.CHAR, "'\\u{10fffd}'", "'\\u{10fffd}'"), row(Scalar.CHAR, "'\\u{ffff}'", "'\\u{ffff}'"),
                row(Scalar.CHAR, "'\\u{10ffff}'", "'\\u{10ffff}'"), row(Scalar.CHAR, "'\\u{378}'", "'\\u{378}'"),
                row(Scalar.CHAR, "'\u2028'", "'\\u{2028}'"), row(Scalar.CHAR, "'\\u{2029}'", "'\\u{2029}'"),
                row(Scalar.CHAR, "'\u00a0'", "'\\u{a0}'"), row(Scalar.CHAR, "'\\u{3000}'", "'\\u{3000}'"),
                // ... and for grapheme extenders: Mn, Me, and Other_Grapheme_Extend (Cf, Mc, Lm) ...
                row(Scalar.CHAR, "'\u0301'", "'\\u{301}'"), row(Scalar.CHAR, "'\\u{20dd}'", "'\\u{20dd}'"),
                row(Scalar.CHAR, "'\\u{200c}'", "'\\u{200c}'"), row(Scalar.CHAR, "'\\u{9be}'", "'\\u{9be}'"),
                row(Scalar.CHAR, "'\\u{ff9e}'", "'\\u{ff9e}'"), row(Scalar.CHAR, "'\\u{1d165}'", "'\\u{1d165}'"),
                row(Scalar.CHAR, "'\\u{e0041}'", "'\\u{e0041}'"),
                // ... everything else as itself (a spacing mark that extends nothing, ZWJ is Cf)
                row(Scalar.CHAR, "'\\u{41}'", "'A'"), row(Scalar.CHAR, "'\\u{000041}'", "'A'"),
                row(Scalar.CHAR, "'\\u{a1}'", "'\u00a1'"), row(Scalar.CHAR, "'é'", "'é'"),
                row(Scalar.CHAR, "'\\u{903}'", "'\u0903'"), row(Scalar.CHAR, "'\\u{200d}'", "'\\u{200d}'"),
                row(Scalar.CHAR, "'😀'", "'😀'"), row(Scalar.CHAR, "'\\u{1F600}'", "'😀'"),
                row(Scalar.CHAR, "'\\u{1f3fb}'", "'\ud83c\udffb'"), row(Scalar.CHAR, "'\\u{20000}'", "'\ud840\udc00'"),
                row(Scalar.STRING, "\"\"", "\"\""), row(Scalar.STRING, "\"hello\"", "\"hello\""),
                row(Scalar.STRING, "\"it's\"", "\"it\\'s\""), row(Scalar.STRING, "\"it\\'s\"", "\"it\\'s\""),
                row(Scalar.STRING, "\"say \\\"hi\\\"\"", "\"say \\\"hi\\\"\""),
                row(Scalar.STRING, "\"a\\\\b\\tc\\nd\\re\"", "\"a\\\\b\\tc\\nd\\re\""),
                row(Scalar.STRING, "\"\\u{0}\\u{1}\\u{1f}\\u{7f}\\u{80}\\u{9F}\"", "\"\\u{0}\\u{1}\\u{1f}\\u{7f}\\u{80}\\u{9f}\""),
                row(Scalar.STRING, "\"tab\there\"", "\"tab\\there\""),
                row(Scalar.STRING, "\"é€😀 \\u{10ffff}\"", "\"é€😀 \\u{10ffff}\""),
                // every combining mark is escaped, not only one that starts the string (char by char, as wasm-wave)
                row(Scalar.STRING, "\"e\u0301\"", "\"e\\u{301}\""), row(Scalar.STRING, "\"\u0301e\"", "\"\\u{301}e\""),
                row(Scalar.STRING, "\"soft\u00adhy\u200bphen\u2028\ue000\uffff\"",
                        "\"soft\\u{ad}hy\\u{200b}phen\\u{2028}\\u{e000}\\u{ffff}\""),
                row(Scalar.STRING, "\"👍🏽 👨\u200d👩\"", "\"👍🏽 👨\\u{200d}👩\""),
                row(Scalar.STRING, "\"//not a comment\" // a comment", "\"//not a comment\""),
                row(Scalar.STRING, "\"\"\"\nA single line\n\"\"\"", "\"A single line\""),
                row(Scalar.STRING, "\"\"\"\n    Indentation determined\n      by ending delimiter\n  \"\"\"",
                        "\"  Indentation determined\\n    by ending delimiter\""),
                row(Scalar.STRING, "\"\"\"\r\n  crlf \\r\r\n  lines\r\n  \"\"\"", "\"crlf \\r\\nlines\""),
                row(Scalar.STRING, "\"\"\"\n\"\"\"", "\"\""));
    }

    static Stream<Arguments> compounds() {
        ValueType opts = record("must-have", Scalar.U8, "optional", option(Scalar.U8));
        ValueType allOpt = record("a", option(Scalar.U8), "b", option(Scalar.STRING));
        return Stream.of(
                row(Scalar.BOOL, "true", "true"), row(Scalar.BOOL, "false", "false"),
                row(list(Scalar.U32), "[]", "[]"), row(list(Scalar.U32), "[ 1 ,2, ]", "[1, 2]"),
                row(list(Scalar.U8), "[0, 255, 7]", "[0, 255, 7]"), row(list(Scalar.U8), "[]", "[]"),
                row(list(list(Scalar.U32)), "[[], [1], [2, 3]]", "[[], [1], [2, 3]]"),
                row(list(Scalar.STRING), "[\"\", \"a\"]", "[\"\", \"a\"]"),
                row(new ValueType.FixedListOf(Scalar.S8, 3), "[-1, 0, 1]", "[-1, 0, 1]"),
                row(tuple(Scalar.U8, Scalar.STRING, Scalar.F64), "(255, \"t\", -1.5,)", "(255, \"t\", -1.5)"),
                row(tuple(Scalar.BOOL), "(true)", "(true)"),
                row(POINT, "{x: 1, y: -1}", "{x: 1, y: -1}"), row(POINT, "{ y: -1, x: 1, }", "{x: 1, y: -1}"),
                row(POINT, "{%x: 1, y: 2}", "{x: 1, y: 2}"),
                row(opts, "{must-have: 123}", "{must-have: 123}"),
                row(opts, "{must-have: 123, optional: none,}", "{must-have: 123}"),
                row(opts, "{must-have: 1, optional: 2}", "{must-have: 1, optional: some(2)}"),
                row(allOpt, "{:}", "{:}"), row(allOpt, "{}", "{:}"), row(allOpt, "{b: \"x\"}", "{b: some(\"x\")}"),
                row(SHAPE, "circle(2)", "circle(2)"), row(SHAPE, "circle(-0)", "circle(-0)"),
                row(SHAPE, "empty", "empty"), row(SHAPE, "%empty", "empty"),
                row(SHAPE, "rect( {x: 1, y: 2} )", "rect({x: 1, y: 2})"), row(SHAPE, "label (\"x\")", "label(\"x\")"),
                row(COLOR, "green", "green"), row(COLOR, "%blue", "blue"),
                row(option(Scalar.U32), "none", "none"), row(option(Scalar.U32), "some(0)", "some(0)"),
                row(option(Scalar.U32), "5", "some(5)"), row(option(Scalar.STRING), "\"flat\"", "some(\"flat\")"),
                row(option(option(Scalar.U32)), "none", "none"), row(option(option(Scalar.U32)), "some(none)", "some(none)"),
                row(option(option(Scalar.U32)), "some(some(1))", "some(some(1))"),
                row(option(option(Scalar.U32)), "some(1)", "some(some(1))"),
                row(option(option(option(Scalar.BOOL))), "some(some(none))", "some(some(none))"),
                row(result(Scalar.U32, Scalar.STRING), "ok(7)", "ok(7)"),
                row(result(Scalar.U32, Scalar.STRING), "err(\"bad\")", "err(\"bad\")"),
                row(result(Scalar.U32, Scalar.STRING), "7", "ok(7)"),
                row(result(Scalar.STRING, null), "ok(\"fine\")", "ok(\"fine\")"),
                row(result(Scalar.STRING, null), "err", "err"),
                row(result(null, Scalar.STRING), "ok", "ok"), row(result(null, Scalar.STRING), "err(\"x\")", "err(\"x\")"),
                row(result(null, null), "ok", "ok"), row(result(null, null), "err", "err"),
                row(result(option(Scalar.U8), null), "ok(none)", "ok(none)"),
                row(result(option(Scalar.U8), null), "ok(3)", "ok(some(3))"),
                row(PERM, "{}", "{}"), row(PERM, "{exec, read,}", "{read, exec}"), row(PERM, "{ %write }", "{write}"),
                row(PERM, "{read, write, exec}", "{read, write, exec}"),
                row(list(SHAPE), "[circle(1.5), empty, rect({x: 0, y: 0})]", "[circle(1.5), empty, rect({x: 0, y: 0})]"),
                row(list(option(POINT)), "[none, {x: 1, y: 2}]", "[none, some({x: 1, y: 2})]"),
                // a map has no WAVE syntax of its own: it is written as the ABI passes it, every pair kept
                row(new ValueType.MapOf(Scalar.STRING, Scalar.U32), "[]", "[]"),
                row(new ValueType.MapOf(Scalar.STRING, Scalar.U32), "[(\"a\", 1), (\"a\", 2),]",
                        "[(\"a\", 1), (\"a\", 2)]"),
                row(new ValueType.MapOf(Scalar.CHAR, option(new ValueType.MapOf(Scalar.U8, list(Scalar.U8)))),
                        "[('x', none), ('y', [(1, [2])])]", "[('x', none), ('y', some([(1, [2])]))]"));
    }

    /** Labels spelled like WAVE keywords are written (and must be read) with '%'. */
    static Stream<Arguments> keywordLabels() {
        ValueType v = variant("none", null, "some", Scalar.U8, "ok", null, "true", null, "plain", null);
        ValueType e = enumOf("inf", "nan", "err", "false");
        ValueType r = record("ok", Scalar.U8, "none", option(Scalar.U8));
        ValueType f = flags("true", "false", "x");
        return Stream.of(
                row(v, "%none", "%none"), row(v, "%some(1)", "%some(1)"), row(v, "%ok", "%ok"), row(v, "%true", "%true"),
                row(v, "%plain", "plain"), row(e, "%inf", "%inf"), row(e, "%nan", "%nan"), row(e, "%err", "%err"),
                row(e, "%false", "%false"), row(r, "{ok: 1}", "{%ok: 1}"), row(r, "{%ok: 1, %none: 2}", "{%ok: 1, %none: some(2)}"),
                row(f, "{true, false}", "{%true, %false}"), row(f, "{%false, x}", "{%false, x}"),
                row(option(v), "%none", "some(%none)"), row(option(v), "none", "none"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource({"integers", "floats", "charsAndStrings", "compounds", "keywordLabels"})
    void readsAndWritesCanonically(ValueType type, String text, String canonical) {
        WitValue value = Wave.parse(text, type);
        assertThat(Wave.print(value, type)).isEqualTo(canonical);
        assertThat(Wave.parse(canonical, type)).isEqualTo(value);
    }

    @Test
    void listOfU8ReadsAsBytes() {
        assertThat(Wave.parse("[1, 255, 0]", list(Scalar.U8))).isEqualTo(new WitValue.Bytes(new byte[] {1, -1, 0}));
        assertThat(Wave.print(new WitValue.ListOf(List.of(new WitValue.U8(3), new WitValue.U8(4))), list(Scalar.U8)))
                .isEqualTo("[3, 4]");
    }

    @Test
    void readsIntoTheDynamicValueModel() {
        assertThat(Wave.parse("18446744073709551615", Scalar.U64)).isEqualTo(new WitValue.U64(-1));
        assertThat(Wave.parse("4294967295", Scalar.U32)).isEqualTo(new WitValue.U32(0xFFFF_FFFFL));
        assertThat(Wave.parse("{a: 1}", record("a", Scalar.U8, "b", option(Scalar.U8)))).isEqualTo(new WitValue.Record(
                List.of(new WitValue.Field("a", new WitValue.U8(1)), new WitValue.Field("b", WitValue.Option.NONE))));
        assertThat(Wave.parse("{write, read}", PERM)).isEqualTo(new WitValue.Flags(List.of("read", "write")));
        assertThat(Wave.parse("circle(1)", SHAPE)).isEqualTo(new WitValue.Variant("circle", new WitValue.F32(1)));
        assertThat(Wave.parse("err", result(Scalar.STRING, null))).isEqualTo(new WitValue.Result(false, null));
        assertThat(Wave.parse("'\\u{10ffff}'", Scalar.CHAR)).isEqualTo(new WitValue.Char(0x10FFFF));
        assertThat(Wave.parse("0.1", Scalar.F32)).isEqualTo(new WitValue.F32(0.1f));
        assertThat(Wave.parse("0.1", Scalar.F64)).isEqualTo(new WitValue.F64(0.1));
    }

    @Test
    void everyNanPrintsTheSame() {
        assertThat(Wave.print(new WitValue.F32(Float.intBitsToFloat(0x7fc00001)), Scalar.F32)).isEqualTo("nan");
        assertThat(Wave.print(new WitValue.F64(Double.longBitsToDouble(0xfff0000000000001L)), Scalar.F64))
                .isEqualTo("nan");
    }

    @Test
    void floatsPrintWithTheirOwnPrecision() {
        assertThat(Wave.print(new WitValue.F32(0.1f), Scalar.F32)).isEqualTo("0.1");
        assertThat(Wave.print(new WitValue.F64(0.1f), Scalar.F64)).isEqualTo("0.10000000149011612");
        assertThat(Wave.print(new WitValue.F32(Float.MIN_VALUE), Scalar.F32))
                .isEqualTo("0.000000000000000000000000000000000000000000001");
        assertThat(Wave.print(new WitValue.F64(Float.MIN_VALUE), Scalar.F64))
                .isEqualTo("0.000000000000000000000000000000000000000000001401298464324817");
    }

    static Arguments row(ValueType type, String text, String canonical) {
        return arguments(type, text, canonical);
    }
}
