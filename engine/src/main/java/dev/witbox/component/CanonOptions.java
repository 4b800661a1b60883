package dev.witbox.component;

import java.util.OptionalInt;

/**
 * The {@code canonopt*} immediates of a canonical definition. Absent string encoding means UTF-8 by
 * default; {@link #stringEncodingGiven()} tells whether it was written explicitly.
 */
public record CanonOptions(StringEncoding stringEncoding, boolean stringEncodingGiven, OptionalInt memory,
                           OptionalInt realloc, OptionalInt postReturn, boolean async, OptionalInt callback) {

    public static final CanonOptions NONE = new CanonOptions(StringEncoding.UTF8, false, OptionalInt.empty(),
            OptionalInt.empty(), OptionalInt.empty(), false, OptionalInt.empty());

    public enum StringEncoding {
        UTF8("utf8"), UTF16("utf16"), LATIN1_UTF16("latin1+utf16");

        private final String text;

        StringEncoding(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (stringEncodingGiven) {
            sb.append(" string-encoding=").append(stringEncoding);
        }
        memory.ifPresent(m -> sb.append(" (memory ").append(m).append(')'));
        realloc.ifPresent(f -> sb.append(" (realloc ").append(f).append(')'));
        postReturn.ifPresent(f -> sb.append(" (post-return ").append(f).append(')'));
        if (async) {
            sb.append(" async");
        }
        callback.ifPresent(f -> sb.append(" (callback ").append(f).append(')'));
        return sb.toString().trim();
    }
}
