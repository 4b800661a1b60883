package dev.witbox.wave;

import static dev.witbox.wave.T.COLOR;
import static dev.witbox.wave.T.PERM;
import static dev.witbox.wave.T.POINT;
import static dev.witbox.wave.T.SHAPE;
import static dev.witbox.wave.T.list;
import static dev.witbox.wave.T.option;
import static dev.witbox.wave.T.result;
import static dev.witbox.wave.T.tuple;
import static dev.witbox.wave.T.variant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.witbox.abi.ResourceType;
import dev.witbox.abi.ValueType;
import dev.witbox.abi.ValueType.Scalar;
import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Text that is not WAVE, or not of the expected type: the exact message, which carries the column. */
class WaveErrorsTest {

    static Stream<Arguments> syntax() {
        return Stream.of(
                err(Scalar.U8, "", "expected a value at column 1, found end of input"),
                err(list(Scalar.U32), "[1 2]", "expected ',' or ']' at column 4, found 2"),
                err(list(Scalar.U32), "[1,", "expected a value at column 4, found end of input"),
                err(Scalar.U32, "1 2", "expected end of input after the value at column 3, found 2"),
                err(Scalar.U32, "01", "expected a number (like 12, -3, 0.5 or 6.02e23) at column 1, found 01"),
                err(Scalar.F64, "1.", "expected a number (like 12, -3, 0.5 or 6.02e23) at column 1, found 1."),
                err(Scalar.F64, ".5", "expected a value at column 1, found .5"),
                err(Scalar.F64, "+1", "expected a value at column 1, found +"),
                err(Scalar.F64, "0x10", "expected a number (like 12, -3, 0.5 or 6.02e23) at column 1, found 0x10"),
                err(Scalar.CHAR, "'ab'", "expected a single character between quotes at column 1, found 'ab"),
                err(Scalar.CHAR, "''", "expected a character (write \\' for a quote, \\n for a newline) at column 2, found '"),
                err(Scalar.CHAR, "'\\q'", "expected an escape (\\\\ \\' \\\" \\t \\n \\r or \\u{HEX}) at column 2, found \\q"),
                err(Scalar.CHAR, "'\\u{d800}'", "expected a Unicode scalar value (not a surrogate, at most 10ffff) at column 2, found \\u{d800}"),
                err(Scalar.CHAR, "'\\u{110000}'", "expected a Unicode scalar value (not a surrogate, at most 10ffff) at column 2, found \\u{110000}"),
                err(Scalar.CHAR, "'\\u{}'", "expected \\u{HEX} (1 to 6 hex digits in braces) at column 2, found \\u{}"),
                err(Scalar.CHAR, "'\\u{1234567}'", "expected \\u{HEX} (1 to 6 hex digits in braces) at column 2, found \\u{1234567}"),
                err(Scalar.STRING, "\"abc", "unterminated string at column 1"),
                err(Scalar.STRING, "\"a\nb\"", "newline in a string (write \\n, or use a \"\"\" multi-line string) at line 1, column 3"),
                err(Scalar.STRING, "\"\"\"abc\n\"\"\"", "opening \"\"\" must be followed by a line break at line 1, column 1"),
                err(Scalar.STRING, "\"\"\"\n  a\n x\"\"\"", "closing \"\"\" must be preceded only by spaces on its line at line 3, column 3"),
                err(Scalar.STRING, "\"\"\"\n a\n  \"\"\"", "lines must be indented at least as much as the closing \"\"\" at line 2, column 1"),
                err(tuple(Scalar.U8), "()", "empty tuple: a tuple has at least one element at column 1"),
                err(POINT, "{x: 1, x: 2}", "duplicate field 'x' at column 8"),
                err(PERM, "{read, read}", "duplicate flag 'read' at column 8"),
                err(POINT, "{x 1}", "expected ',' or '}' at column 4, found 1"),
                err(COLOR, "Red-green", "expected a label (kebab-case words, each all lower- or all upper-case, like 'two-words') at column 1, found Red-green"),
                err(option(Scalar.U8), "some", "expected '(' after 'some' (an option's value is written some(VALUE)) at column 5, found end of input"),
                err(option(Scalar.U8), "none(1)", "'none' takes no payload at column 1"),
                err(Scalar.BOOL, "true(1)", "'true' takes no payload at column 1"),
                err(SHAPE, "circle(1", "expected ')' after the payload at column 9, found end of input"),
                err(list(Scalar.U8), "[".repeat(101), "values nested more than 100 deep at column 101"),
                err(Scalar.U8, "# 1", "expected a value at column 1, found #"));
    }

    static Stream<Arguments> types() {
        ResourceType counter = new ResourceType("counter");
        return Stream.of(
                err(Scalar.U8, "300", "expected a u8 (0 to 255) at column 1, found 300"),
                err(list(Scalar.U8), "[1, 2, 300]", "expected a u8 (0 to 255) at column 8, found 300"),
                err(Scalar.U8, "-0", "expected a u8 (0 to 255) at column 1, found -0"),
                err(Scalar.U32, "-1", "expected a u32 (0 to 4294967295) at column 1, found -1"),
                err(Scalar.S8, "128", "expected an s8 (-128 to 127) at column 1, found 128"),
                err(Scalar.S64, "9223372036854775808", "expected an s64 (-9223372036854775808 to 9223372036854775807) at column 1, found 9223372036854775808"),
                err(Scalar.U64, "18446744073709551616", "expected a u64 (0 to 18446744073709551615) at column 1, found 18446744073709551616"),
                err(Scalar.S32, "1.5", "expected an s32 (-2147483648 to 2147483647) at column 1, found 1.5"),
                err(Scalar.S32, "1e3", "expected an s32 (-2147483648 to 2147483647) at column 1, found 1e3"),
                err(Scalar.U32, "inf", "expected a u32 (0 to 4294967295) at column 1, found inf"),
                err(Scalar.F32, "\"1\"", "expected an f32 (a number, nan, inf or -inf) at column 1, found \"1\""),
                err(Scalar.F64, "%inf", "expected an f64 (a number, nan, inf or -inf) at column 1, found %inf"),
                err(Scalar.BOOL, "1", "expected a bool (true or false) at column 1, found 1"),
                err(Scalar.BOOL, "%true", "expected a bool (true or false) at column 1, found %true"),
                err(Scalar.CHAR, "\"a\"", "expected a char at column 1, found \"a\""),
                err(Scalar.STRING, "'a'", "expected a string at column 1, found 'a'"),
                err(list(Scalar.U32), "(1)", "expected a list<u32> at column 1, found (1)"),
                err(new ValueType.MapOf(Scalar.STRING, Scalar.U32), "{a: 1}",
                        "expected a map<string, u32> at column 1, found {a: 1}"),
                err(new ValueType.MapOf(Scalar.STRING, Scalar.U32), "[(\"a\", 1, 2)]",
                        "expected a tuple<string, u32> (2 elements, not 3) at column 2, found (\"a\", 1, 2)"),
                err(new ValueType.FixedListOf(Scalar.U8, 2), "[1]", "expected a list<u8, 2> (exactly 2 elements, not 1) at column 1, found [1]"),
                err(tuple(Scalar.U8, Scalar.U8), "(1, 2, 3)", "expected a tuple<u8, u8> (2 elements, not 3) at column 1, found (1, 2, 3)"),
                err(POINT, "{x: 1}", "missing field 'y' (s32) in record {x, y} at column 1"),
                err(POINT, "{x: 1, y: 2, z: 3}", "unknown field 'z' for record {x, y} at column 14"),
                err(POINT, "{:}", "missing field 'x' (s32) in record {x, y} at column 1"),
                err(POINT, "{}", "missing field 'x' (s32) in record {x, y} at column 1"),
                err(POINT, "{x: 1, y: \"2\"}", "expected an s32 (-2147483648 to 2147483647) at column 11, found \"2\""),
                err(SHAPE, "circle", "expected case 'circle' with its payload, circle(f32) at column 1, found circle"),
                err(SHAPE, "empty(1)", "case 'empty' of variant {circle(f32), rect(record {x, y}), empty, label(string)} has no payload at column 7"),
                err(SHAPE, "square", "expected a variant {circle(f32), rect(record {x, y}), empty, label(string)} at column 1, found square"),
                err(variant("none", null), "none", "expected a variant {none} (a case named like a keyword is written %none) at column 1, found none"),
                err(COLOR, "purple", "expected an enum {red, green, blue} at column 1, found purple"),
                err(COLOR, "red(1)", "expected an enum {red, green, blue} at column 1, found red(1)"),
                err(PERM, "{read, delete}", "unknown flag 'delete' for flags {read, write, exec} at column 8"),
                err(PERM, "{:}", "expected a flags {read, write, exec} ('{}' for no flags; '{:}' is the empty record) at column 1, found {:}"),
                err(PERM, "{read: true}", "expected a flags {read, write, exec} at column 1, found {read: true}"),
                err(option(option(Scalar.U8)), "1", "expected an option<option<u8>> (some(...) or none) at column 1, found 1"),
                err(option(Scalar.U8), "some(300)", "expected a u8 (0 to 255) at column 6, found 300"),
                err(result(Scalar.U8, null), "err(1)", "'err' of result<u8> has no payload at column 5"),
                err(result(Scalar.U8, Scalar.STRING), "err", "expected 'err' with its payload, err(string) at column 1, found err"),
                err(result(null, Scalar.STRING), "1", "expected a result<_, string> (ok(...) or err(...)) at column 1, found 1"),
                err(result(option(Scalar.U8), null), "1", "expected a result<option<u8>> (ok(...) or err(...)) at column 1, found 1"),
                err(new ValueType.OwnOf(counter), "1", "own<counter> has no WAVE form (in a script, pass a resource bound with '$name = ...') at column 1"),
                err(list(new ValueType.BorrowOf(counter)), "[1]", "borrow<counter> has no WAVE form (in a script, pass a resource bound with '$name = ...') at column 2"),
                err(list(Scalar.U8), "[1,\n 2,\n 300]", "expected a u8 (0 to 255) at line 3, column 2, found 300"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource({"syntax", "types"})
    void refusesWithAMessageThatSaysWhereAndWhat(ValueType type, String text, String message) {
        assertThatThrownBy(() -> Wave.parse(text, type)).isInstanceOf(WaveException.class).hasMessage(message);
    }

    @Test
    void errorsCarryLineAndColumnAndAreWitboxExceptions() {
        WaveException e = (WaveException) org.assertj.core.api.Assertions.catchThrowable(
                () -> Wave.parse("[1,\n  999]", list(Scalar.U8)));
        assertThat(e).isInstanceOf(WitboxException.class);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(3);
    }

    @Test
    void longTextIsShortenedInMessages() {
        assertThatThrownBy(() -> Wave.parse("\"" + "x".repeat(100) + "\"", Scalar.U8))
                .hasMessage("expected a u8 (0 to 255) at column 1, found \"" + "x".repeat(36) + "…");
    }

    @Test
    void printingAValueOfAnotherTypeIsABug() {
        assertThatThrownBy(() -> Wave.print(new WitValue.U8(1), Scalar.STRING))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a string");
        assertThatThrownBy(() -> Wave.print(new WitValue.Enum("purple"), COLOR))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Wave.print(new WitValue.Flags(List.of("nope")), PERM))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Wave.print(new WitValue.Variant("empty", new WitValue.U8(1)), SHAPE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Arguments err(ValueType type, String text, String message) {
        return arguments(type, text, message);
    }
}
