package dev.witbox.wave;

import dev.witbox.api.WitboxException;

/**
 * WAVE text or a {@code witbox call} script that cannot be read: a syntax error, a value that does
 * not fit its type, or a call that does not bind. The message says what was expected, where (a
 * 1-based column, and the line when the text has several), and what was found.
 */
public class WaveException extends WitboxException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    WaveException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line of the problem. */
    public int line() {
        return line;
    }

    /** The 1-based column of the problem (counted in UTF-16 code units, as Java strings are). */
    public int column() {
        return column;
    }

    /** {@code expected <what> at column <c>, found <found>} for the text position {@code pos}. */
    static WaveException expected(String source, int pos, String expected, String found) {
        return at(source, pos, "expected " + expected, found);
    }

    /** {@code <problem> at column <c>[, found <found>]} for the text position {@code pos}. */
    static WaveException at(String source, int pos, String problem, String found) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(Math.max(pos, 0), source.length());
        for (int i = 0; i < end; i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = end - lineStart + 1;
        boolean multiline = source.indexOf('\n') >= 0;
        String where = multiline ? "line " + line + ", column " + column : "column " + column;
        return new WaveException(problem + " at " + where + (found == null ? "" : ", found " + found), line, column);
    }

    /** The text of {@code source[start, end)} as shown after "found", shortened when long. */
    static String snippet(String source, int start, int end) {
        if (start >= source.length()) {
            return "end of input";
        }
        String s = source.substring(start, Math.max(start, Math.min(end, source.length())));
        if (s.isEmpty()) {
            s = source.substring(start, start + Character.charCount(source.codePointAt(start)));
        }
        int nl = s.indexOf('\n');
        if (nl >= 0) {
            s = s.substring(0, nl) + "…";
        }
        if (s.codePointCount(0, s.length()) > 40) {
            s = s.substring(0, s.offsetByCodePoints(0, 37)) + "…";
        }
        return s;
    }
}
