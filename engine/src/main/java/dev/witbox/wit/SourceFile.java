package dev.witbox.wit;

import java.util.Arrays;

/** The text of one WIT file plus a line index for turning offsets into line/column. */
final class SourceFile {

    final String name;
    final String text;
    private int[] lineStarts;

    SourceFile(String name, String text) {
        this.name = name == null ? "<input>" : name;
        this.text = text == null ? "" : text;
    }

    private int[] lineStarts() {
        if (lineStarts == null) {
            int[] starts = new int[16];
            int n = 0;
            starts[n++] = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    if (n == starts.length) {
                        starts = Arrays.copyOf(starts, n * 2);
                    }
                    starts[n++] = i + 1;
                }
            }
            lineStarts = Arrays.copyOf(starts, n);
        }
        return lineStarts;
    }

    /** Builds a diagnostic pointing at {@code offset} (a char index into the text). */
    WitDiagnostic diagnostic(int offset, String message) {
        int off = Math.max(0, Math.min(offset, text.length()));
        int[] starts = lineStarts();
        int idx = Arrays.binarySearch(starts, off);
        int line = idx >= 0 ? idx : -idx - 2;
        int lineStart = starts[line];
        int lineEnd = line + 1 < starts.length ? starts[line + 1] - 1 : text.length();
        if (lineEnd > lineStart && text.charAt(lineEnd - 1) == '\r') {
            lineEnd--;
        }
        if (off > lineEnd) {
            off = lineEnd;
        }
        int column = text.codePointCount(lineStart, off) + 1;
        String shown;
        if (text.codePointCount(lineStart, lineEnd) > WitDiagnostic.MAX_LINE) {
            // show a window: an ellipsis, CONTEXT code points before the column, then the rest
            int from = column - 1 > WitDiagnostic.CONTEXT
                    ? text.offsetByCodePoints(lineStart, column - 1 - WitDiagnostic.CONTEXT) : lineStart;
            int avail = text.codePointCount(from, lineEnd);
            int to = text.offsetByCodePoints(from, Math.min(avail, WitDiagnostic.MAX_LINE));
            shown = (from > lineStart ? WitDiagnostic.ELLIPSIS : "") + sanitize(text.substring(from, to));
        } else {
            shown = sanitize(text.substring(lineStart, lineEnd));
        }
        return new WitDiagnostic(name, line + 1, column, message, shown);
    }

    /** A diagnostic without a position in this file. */
    WitDiagnostic diagnostic(String message) {
        return new WitDiagnostic(name, 0, 0, message, "");
    }

    /** Replaces characters that would garble a terminal with '?'. */
    private static String sanitize(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = (c < 0x20 && c != '\t') || c == 0x7f || (c >= 0x80 && c < 0xa0)
                    || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                    || (Character.isSurrogate(c) && !validSurrogateAt(s, i));
            if (bad) {
                if (sb == null) {
                    sb = new StringBuilder(s.substring(0, i));
                }
                sb.append('?');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
