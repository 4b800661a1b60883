package dev.witbox.wave;

import dev.witbox.abi.ValueType;
import dev.witbox.api.value.WitValue;
import java.util.Objects;

/**
 * WAVE, the WebAssembly Value Encoding: component-model values as text, as {@code wasmtime run
 * --invoke} and the {@code wasm-wave} crate read and write them ({@code 42}, {@code "hi\n"},
 * {@code [1, 2]}, {@code {x: 1, y: -1}}, {@code some(circle(2.5))}, {@code {read, write}}).
 *
 * <p>Reading is type-directed: the type says what the text means ({@code {}} is flags or a record
 * of options, {@code 7} is {@code some(7)} for an {@code option<u32>}). {@code list<u8>} reads as
 * {@link WitValue.Bytes}. Every problem is a {@link WaveException} with the column and what was
 * expected there.
 *
 * <p>Writing is canonical, one text per value:
 * <ul>
 * <li>integers in decimal; floats as the shortest decimal that reads back to the same value at the
 *     type's precision, without exponent or trailing {@code .0} ({@code 0.1}, {@code 1},
 *     {@code 340282350000000000000000000000000000000}), {@code -0}, {@code inf}, {@code -inf},
 *     {@code nan} (for every NaN);
 * <li>chars {@code 'x'} and strings {@code "x"} escaping {@code \\}, the literal's own quote,
 *     tab, newline and carriage return with a backslash, the other C0 controls and DEL as
 *     <code>&#92;u{hex}</code>, nothing else;
 * <li>{@code [a, b]}, {@code (a, b)}, {@code {name: v}} in declaration order leaving out
 *     fields that are {@code none} ({@code {:}} when nothing is left), {@code {a, c}} flags in
 *     declaration order, {@code case} / {@code case(payload)}, {@code some(x)} / {@code none},
 *     {@code ok} / {@code ok(x)} / {@code err} / {@code err(e)};
 * <li>labels spelled like a WAVE keyword get a {@code %} prefix ({@code %none});
 * <li>a resource handle, which has no WAVE form, is written {@code <resource NAME>}.
 * </ul>
 */
public final class Wave {

    private Wave() {
    }

    /** Reads {@code text}, one WAVE value with optional whitespace and {@code //} comments around it. */
    public static WitValue parse(String text, ValueType type) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(type, "type");
        return new WaveReader(text).read(WaveParser.parseWhole(text), type);
    }

    /**
     * Writes {@code value} as canonical WAVE.
     *
     * @throws IllegalArgumentException if the value does not have the type
     */
    public static String print(WitValue value, ValueType type) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
        return WavePrinter.print(value, type);
    }
}
