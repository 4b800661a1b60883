package dev.witbox.wave;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The syntax of WAVE: text to untyped {@link Node}s, no types involved, so that a syntax error is
 * reported (with its column) before anything is known about what the value should be.
 *
 * <p>The grammar is wasm-wave's: JSON-like numbers plus {@code nan}, {@code inf}, {@code -inf};
 * chars and strings with the escapes <code>\\ \' \" \t \n \r &#92;u{HEX}</code>; multi-line strings
 * between {@code """} lines; tuples, lists, records, flags with optional trailing commas;
 * {@code label} or {@code label(payload)} for variants, enums, options and results; kebab-case
 * labels, {@code %}-prefixed where they would read as keywords; {@code //} comments. Nesting is
 * limited so that deep input ends in an error rather than a stack overflow.
 *
 * <p>The parser works on a cursor within a larger text, so the script parser can hand it the
 * arguments of a call and take the cursor back afterwards.
 */
final class WaveParser {

    /** As in wasm-wave: deeper nesting is refused. */
    static final int MAX_DEPTH = 100;

    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-z][a-z0-9]*|[A-Z][A-Z0-9]*)(-([a-z0-9]+|[A-Z0-9]+))*");

    private final String src;
    private int pos;
    private int depth;

    WaveParser(String src, int pos) {
        this.src = src;
        this.pos = pos;
    }

    /** Parses {@code text} as exactly one value, with only whitespace and comments around it. */
    static Node parseWhole(String text) {
        WaveParser p = new WaveParser(text, 0);
        Node node = p.value();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.fail(p.pos, "end of input after the value", p.tokenEnd(p.pos));
        }
        return node;
    }

    int pos() {
        return pos;
    }

    /** Moves the cursor forward to {@code newPos}, past text another parser consumed. */
    void advanceTo(int newPos) {
        if (newPos < pos || newPos > src.length()) {
            throw new IllegalArgumentException("cannot move from " + pos + " to " + newPos);
        }
        pos = newPos;
    }

    String source() {
        return src;
    }

    /** Skips whitespace and {@code //} comments. */
    void skipSpace() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == '/' && pos + 1 < src.length() && src.charAt(pos + 1) == '/') {
                int nl = src.indexOf('\n', pos);
                pos = nl < 0 ? src.length() : nl;
            } else {
                return;
            }
        }
    }

    /** The next significant character, or -1 at the end. */
    int peek() {
        skipSpace();
        return pos < src.length() ? src.charAt(pos) : -1;
    }

    /** Consumes {@code c} (after whitespace) or fails saying that {@code what} was expected. */
    void expect(char c, String what) {
        if (peek() != c) {
            throw fail(pos, what, tokenEnd(pos));
        }
        pos++;
    }

    /** One value. */
    Node value() {
        if (depth >= MAX_DEPTH) {
            throw WaveException.at(src, pos, "values nested more than " + MAX_DEPTH + " deep", null);
        }
        depth++;
        try {
            return valueInner();
        } finally {
            depth--;
        }
    }

    private Node valueInner() {
        int c = peek();
        int start = pos;
        if (c < 0) {
            throw fail(start, "a value", start);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        if (c == '\'') {
            return charLiteral();
        }
        if (c == '$') {
            return variable();
        }
        if (c == '"') {
            return src.startsWith("\"\"\"", pos) ? multilineString() : string();
        }
        if (c == '(') {
            pos++;
            List<Node> items = items(')');
            if (items.isEmpty()) {
                throw WaveException.at(src, start, "empty tuple: a tuple has at least one element", null);
            }
            return new Node.Tuple(items, start, pos);
        }
        if (c == '[') {
            pos++;
            List<Node> items = items(']');
            return new Node.ListNode(items, start, pos);
        }
        if (c == '{') {
            return braces();
        }
        if (c == '%' || isLetter(c)) {
            return word();
        }
        throw fail(start, "a value", tokenEnd(start));
    }

    /** Comma-separated values up to {@code close}, which is consumed; a trailing comma is allowed. */
    private List<Node> items(char close) {
        List<Node> items = new ArrayList<>();
        if (peek() == close) {
            pos++;
            return items;
        }
        while (true) {
            items.add(value());
            int c = peek();
            if (c == ',') {
                pos++;
                if (peek() == close) {
                    pos++;
                    return items;
                }
            } else if (c == close) {
                pos++;
                return items;
            } else {
                throw fail(pos, "',' or '" + close + "'", tokenEnd(pos));
            }
        }
    }

    private Node number() {
        int start = pos;
        if (src.startsWith("-inf", pos) && !isLabelChar(charAt(pos + 4))) {
            pos += 4;
            return new Node.Num("-inf", start, pos);
        }
        int i = pos;
        if (charAt(i) == '-') {
            i++;
        }
        while (i < src.length()) {
            char ch = src.charAt(i);
            if (isLabelChar(ch) || ch == '.' || ch == '_') {
                i++;
            } else if ((ch == '+' || ch == '-') && (src.charAt(i - 1) == 'e' || src.charAt(i - 1) == 'E')) {
                i++;
            } else {
                break;
            }
        }
        String text = src.substring(start, i);
        if (!NUMBER.matcher(text).matches()) {
            throw fail(start, "a number (like 12, -3, 0.5 or 6.02e23)", i);
        }
        pos = i;
        return new Node.Num(text, start, pos);
    }

    private Node word() {
        int start = pos;
        boolean escaped = false;
        if (src.charAt(pos) == '%') {
            escaped = true;
            pos++;
        }
        int nameStart = pos;
        while (pos < src.length() && isLabelChar(src.charAt(pos))) {
            pos++;
        }
        String name = src.substring(nameStart, pos);
        if (!LABEL.matcher(name).matches()) {
            throw fail(start, "a label (kebab-case words, each all lower- or all upper-case, like 'two-words')",
                    Math.max(pos, start + 1));
        }
        Node payload = null;
        if (peek() == '(') {
            pos++;
            payload = value();
            expect(')', "')' after the payload");
        }
        Node.Word w = new Node.Word(name, escaped, payload, start, pos);
        if (!escaped) {
            if (payload != null && (name.equals("true") || name.equals("false") || name.equals("none")
                    || name.equals("inf") || name.equals("nan"))) {
                throw WaveException.at(src, start, "'" + name + "' takes no payload", null);
            }
            if (payload == null && name.equals("some")) {
                throw fail(pos, "'(' after 'some' (an option's value is written some(VALUE))", tokenEnd(pos));
            }
        }
        return w;
    }

    /** {@code $name}: a script variable used inside a value (the reader decides whether one may appear). */
    private Node variable() {
        int start = pos;
        int i = start + 1;
        if (i >= src.length() || !(isLetter(src.charAt(i)) || src.charAt(i) == '_')) {
            throw fail(start, "a variable ($ and a name, like $c)", Math.min(i + 1, src.length()));
        }
        while (i < src.length() && (isLabelChar(src.charAt(i)) || src.charAt(i) == '_')) {
            i++;
        }
        pos = i;
        return new Node.Var(src.substring(start + 1, i), start, i);
    }

    private String label() {
        int start = peekPos();
        if (pos < src.length() && src.charAt(pos) == '%') {
            pos++;
        }
        int nameStart = pos;
        while (pos < src.length() && isLabelChar(src.charAt(pos))) {
            pos++;
        }
        String name = src.substring(nameStart, pos);
        if (!LABEL.matcher(name).matches()) {
            throw fail(start, "a label", Math.max(pos, start + 1));
        }
        return name;
    }

    private int peekPos() {
        skipSpace();
        return pos;
    }

    private Node braces() {
        int start = pos;
        pos++;
        int c = peek();
        if (c == ':') {
            pos++;
            expect('}', "'}' after '{:' (the empty record)");
            return new Node.Record(List.of(), start, pos);
        }
        if (c == '}') {
            pos++;
            return new Node.Flags(List.of(), List.of(), start, pos);
        }
        // A record if the first label is followed by ':', else flags.
        int firstStart = peekPos();
        String first = label();
        if (peek() == ':') {
            return recordRest(start, first, firstStart);
        }
        return flagsRest(start, first, firstStart);
    }

    private Node recordRest(int start, String first, int firstStart) {
        List<Node.FieldNode> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String name = first;
        int nameStart = firstStart;
        while (true) {
            if (!seen.add(name)) {
                throw WaveException.at(src, nameStart, "duplicate field '" + name + "'", null);
            }
            expect(':', "':' after the field name '" + name + "'");
            fields.add(new Node.FieldNode(name, nameStart, value()));
            int c = peek();
            if (c == ',') {
                pos++;
                c = peek();
            } else if (c != '}') {
                throw fail(pos, "',' or '}'", tokenEnd(pos));
            }
            if (c == '}') {
                pos++;
                return new Node.Record(fields, start, pos);
            }
            nameStart = peekPos();
            name = label();
        }
    }

    private Node flagsRest(int start, String first, int firstStart) {
        List<String> names = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        String name = first;
        int nameStart = firstStart;
        while (true) {
            if (names.contains(name)) {
                throw WaveException.at(src, nameStart, "duplicate flag '" + name + "'", null);
            }
            names.add(name);
            starts.add(nameStart);
            int c = peek();
            if (c == ',') {
                pos++;
                c = peek();
            } else if (c != '}') {
                throw fail(pos, "',' or '}'", tokenEnd(pos));
            }
            if (c == '}') {
                pos++;
                return new Node.Flags(names, starts, start, pos);
            }
            nameStart = peekPos();
            name = label();
        }
    }

    private Node charLiteral() {
        int start = pos;
        pos++;
        if (pos >= src.length() || src.charAt(pos) == '\n' || src.charAt(pos) == '\'') {
            throw fail(pos, "a character (write \\' for a quote, \\n for a newline)", pos + 1);
        }
        int cp;
        if (src.charAt(pos) == '\\') {
            cp = escape();
        } else {
            cp = src.codePointAt(pos);
            checkScalar(cp, pos);
            pos += Character.charCount(cp);
        }
        if (pos >= src.length() || src.charAt(pos) != '\'') {
            throw fail(start, "a single character between quotes", pos < src.length() ? pos + 1 : pos);
        }
        pos++;
        return new Node.Chr(cp, start, pos);
    }

    private Node string() {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw WaveException.at(src, start, "unterminated string", null);
            }
            char ch = src.charAt(pos);
            if (ch == '"') {
                pos++;
                return new Node.Str(sb.toString(), start, pos);
            }
            if (ch == '\n') {
                throw WaveException.at(src, pos, "newline in a string (write \\n, or use a \"\"\" multi-line string)",
                        null);
            }
            if (ch == '\\') {
                sb.appendCodePoint(escape());
            } else {
                int cp = src.codePointAt(pos);
                checkScalar(cp, pos);
                sb.appendCodePoint(cp);
                pos += Character.charCount(cp);
            }
        }
    }

    /**
     * {@code """}, a line break, lines, a line break, spaces, {@code """}: the spaces before the
     * closing quotes are the indentation every line must have and loses; the first and last line
     * breaks are not part of the value.
     */
    private Node multilineString() {
        int start = pos;
        int contentStart = pos + 3;
        int close = src.indexOf("\"\"\"", contentStart);
        if (close < 0) {
            throw WaveException.at(src, start, "unterminated multi-line string", null);
        }
        int i = contentStart;
        if (src.startsWith("\r\n", i)) {
            i += 2;
        } else if (charAt(i) == '\n') {
            i += 1;
        } else {
            throw WaveException.at(src, start, "opening \"\"\" must be followed by a line break", null);
        }
        int lastNl = src.lastIndexOf('\n', close - 1);
        if (lastNl < i - 1) {
            throw WaveException.at(src, close, "closing \"\"\" must be on a line of its own", null);
        }
        for (int k = lastNl + 1; k < close; k++) {
            if (src.charAt(k) != ' ') {
                throw WaveException.at(src, close, "closing \"\"\" must be preceded only by spaces on its line", null);
            }
        }
        int indent = close - (lastNl + 1);
        StringBuilder sb = new StringBuilder();
        boolean firstLine = true;
        int lineStart = i;
        // lines are [lineStart, next '\n'), up to the line break before the closing quotes
        while (lineStart <= lastNl) {
            int nl = src.indexOf('\n', lineStart);
            int lineEnd = nl;
            if (lineEnd > lineStart && src.charAt(lineEnd - 1) == '\r') {
                lineEnd--;
            }
            for (int k = 0; k < indent; k++) {
                if (lineStart + k >= lineEnd || src.charAt(lineStart + k) != ' ') {
                    throw WaveException.at(src, lineStart, "lines must be indented at least as much as the closing \"\"\"",
                            null);
                }
            }
            if (!firstLine) {
                sb.append('\n');
            }
            firstLine = false;
            pos = lineStart + indent;
            while (pos < lineEnd) {
                if (src.charAt(pos) == '\\') {
                    sb.appendCodePoint(escape());
                    if (pos > lineEnd) {
                        throw WaveException.at(src, pos, "escape runs past the end of the line", null);
                    }
                } else {
                    int cp = src.codePointAt(pos);
                    checkScalar(cp, pos);
                    sb.appendCodePoint(cp);
                    pos += Character.charCount(cp);
                }
            }
            lineStart = nl + 1;
        }
        pos = close + 3;
        return new Node.Str(sb.toString(), start, pos);
    }

    /** Decodes the escape at {@code pos} (a backslash) and moves past it. */
    private int escape() {
        int start = pos;
        char e = charAt(pos + 1);
        pos += 2;
        switch (e) {
            case '\\':
                return '\\';
            case '\'':
                return '\'';
            case '"':
                return '"';
            case 't':
                return '\t';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 'u':
                break;
            default:
                throw fail(start, "an escape (\\\\ \\' \\\" \\t \\n \\r or \\u{HEX})", Math.min(start + 2, src.length()));
        }
        if (charAt(pos) != '{') {
            throw fail(start, "\\u{HEX} (1 to 6 hex digits in braces)", Math.min(pos + 1, src.length()));
        }
        int close = src.indexOf('}', pos);
        String hex = close < 0 ? "" : src.substring(pos + 1, close);
        if (close < 0 || hex.isEmpty() || hex.length() > 6 || !hex.chars().allMatch(WaveParser::isHex)) {
            throw fail(start, "\\u{HEX} (1 to 6 hex digits in braces)", close < 0 ? src.length() : close + 1);
        }
        int cp = Integer.parseInt(hex, 16);
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            throw fail(start, "a Unicode scalar value (not a surrogate, at most 10ffff)", close + 1);
        }
        pos = close + 1;
        return cp;
    }

    /** Java strings may hold lone surrogates; WAVE text is Unicode scalar values only. */
    private void checkScalar(int cp, int at) {
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            throw WaveException.at(src, at, "unpaired surrogate in the text", null);
        }
    }

    WaveException fail(int at, String expected, int foundEnd) {
        return WaveException.expected(src, at, expected, WaveException.snippet(src, at, foundEnd));
    }

    /** The end of the token-ish run starting at {@code at}, for "found …" in messages. */
    int tokenEnd(int at) {
        if (at >= src.length()) {
            return at;
        }
        int i = at;
        while (i < src.length() && (isLabelChar(src.charAt(i)) || src.charAt(i) == '%' || src.charAt(i) == '.')) {
            i++;
        }
        return i == at ? at + Character.charCount(src.codePointAt(at)) : i;
    }

    private char charAt(int i) {
        return i < src.length() ? src.charAt(i) : '\0';
    }

    static boolean isLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isLabelChar(int c) {
        return isLetter(c) || (c >= '0' && c <= '9') || c == '-';
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
