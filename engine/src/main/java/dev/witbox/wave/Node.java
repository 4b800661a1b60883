package dev.witbox.wave;

import java.util.List;
import java.util.Set;

/**
 * An untyped WAVE value as written: what the text says before any type decides what it means
 * ({@code 1} may become a u8, an f64 or {@code some(1)}). Every node knows its source span
 * [{@code start}, {@code end}) so that the typed pass can point at it.
 */
sealed interface Node {

    /** The WAVE keywords; a label spelled like one must be written with a {@code %} prefix. */
    Set<String> KEYWORDS = Set.of("true", "false", "some", "none", "ok", "err", "inf", "nan");

    int start();

    int end();

    /** A number token as written ({@code -0}, {@code 1.5e3}, {@code -inf}). */
    record Num(String text, int start, int end) implements Node {}

    /** A char literal, escapes decoded. */
    record Chr(int codePoint, int start, int end) implements Node {}

    /** A string literal (single- or multi-line), escapes decoded. */
    record Str(String value, int start, int end) implements Node {}

    /**
     * A label or keyword, with its payload if one was written: {@code true}, {@code none},
     * {@code some(1)}, {@code ok}, {@code circle(2)}, {@code %err}.
     */
    record Word(String name, boolean escaped, Node payload, int start, int end) implements Node {
        /** Whether this is a keyword (a label spelled like a keyword but written with {@code %} is not). */
        boolean isKeyword(String keyword) {
            return !escaped && name.equals(keyword);
        }

        boolean isKeyword() {
            return !escaped && KEYWORDS.contains(name);
        }
    }

    /** {@code (a, b)}: at least one element. */
    record Tuple(List<Node> items, int start, int end) implements Node {}

    /** {@code [a, b]}. */
    record ListNode(List<Node> items, int start, int end) implements Node {}

    /** {@code {a: 1, b: 2}}, or {@code {:}} with no fields. */
    record Record(List<FieldNode> fields, int start, int end) implements Node {}

    /** One {@code label: value} entry of a {@link Record}. */
    record FieldNode(String name, int nameStart, Node value) {}

    /** {@code $name} in a {@code witbox call} script: the value an earlier statement bound to {@code name}. */
    record Var(String name, int start, int end) implements Node {}

    /** {@code {a, b}}, or {@code {}}. */
    record Flags(List<String> names, List<Integer> starts, int start, int end) implements Node {}
}
