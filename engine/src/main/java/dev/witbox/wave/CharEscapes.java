package dev.witbox.wave;

/**
 * How a char or a string's chars are written inside WAVE quotes: the same text as wasm-wave's
 * writer, which for every char writes
 * <ol>
 * <li>the backslash, both quotes, tab, carriage return and newline as <code>\\ \" \' \t \r \n</code>
 *     (in chars and strings alike);
 * <li>any other control char (general category Cc) as <code>&#92;u{hex}</code>, lowercase hex
 *     without leading zeros;
 * <li>any other char as itself if Rust counts it printable and it does not extend a grapheme,
 *     else as <code>&#92;u{hex}</code>.
 * </ol>
 *
 * <p>Rust's non-printable chars are those of general category Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs,
 * except the space U+0020 (its {@code core::unicode::printable} tables are generated from exactly
 * that rule). Grapheme extenders ({@code Grapheme_Extend}) are Mn, Me and Unicode's
 * {@code Other_Grapheme_Extend} list, of which the chars that are not also Cf are listed below
 * (Unicode 17; the Cf ones, U+200C and U+E0020-U+E007F, are non-printable anyway).
 *
 * <p>Categories come from {@link Character#getType(int)}, so from the JDK's Unicode version
 * (13.0 for Java 17) while Rust follows a later one: a char assigned since is unassigned (Cn) here
 * and written as <code>&#92;u{hex}</code> where wasm-wave may write it as itself; and a char whose
 * category changed since may differ (on Java 17 the only one is U+1171E, Mn in Unicode 13, Mc
 * later: escaped here, written as itself by Rust). Checked over every scalar value against
 * Rust 1.95's {@code char} escapes: those are the only differences.
 */
final class CharEscapes {

    /** {@code Other_Grapheme_Extend} chars that are not Cf (Mc, plus U+FF9E-U+FF9F which are Lm), as ranges. */
    static final int[][] OTHER_GRAPHEME_EXTEND = {
        {0x09BE, 0x09BE}, {0x09D7, 0x09D7}, {0x0B3E, 0x0B3E}, {0x0B57, 0x0B57}, {0x0BBE, 0x0BBE},
        {0x0BD7, 0x0BD7}, {0x0CC0, 0x0CC0}, {0x0CC2, 0x0CC2}, {0x0CC7, 0x0CC8}, {0x0CCA, 0x0CCB},
        {0x0CD5, 0x0CD6}, {0x0D3E, 0x0D3E}, {0x0D57, 0x0D57}, {0x0DCF, 0x0DCF}, {0x0DDF, 0x0DDF},
        {0x1715, 0x1715}, {0x1734, 0x1734}, {0x1B35, 0x1B35}, {0x1B3B, 0x1B3B}, {0x1B3D, 0x1B3D},
        {0x1B43, 0x1B44}, {0x1BAA, 0x1BAA}, {0x1BF2, 0x1BF3}, {0x302E, 0x302F}, {0xA953, 0xA953},
        {0xA9C0, 0xA9C0}, {0xFF9E, 0xFF9F}, {0x111C0, 0x111C0}, {0x11235, 0x11235}, {0x1133E, 0x1133E},
        {0x1134D, 0x1134D}, {0x11357, 0x11357}, {0x113B8, 0x113B8}, {0x113C2, 0x113C2}, {0x113C5, 0x113C5},
        {0x113C7, 0x113C9}, {0x113CF, 0x113CF}, {0x114B0, 0x114B0}, {0x114BD, 0x114BD}, {0x115AF, 0x115AF},
        {0x116B6, 0x116B6}, {0x11930, 0x11930}, {0x1193D, 0x1193D}, {0x11F41, 0x11F41}, {0x16FF0, 0x16FF1},
        {0x1D165, 0x1D166}, {0x1D16D, 0x1D172},
    };

    private CharEscapes() {
    }

    /** Appends the code point {@code cp} (a Unicode scalar value) as it is written between quotes. */
    static void append(StringBuilder out, int cp) {
        switch (cp) {
            case '\\' -> out.append("\\\\");
            case '"' -> out.append("\\\"");
            case '\'' -> out.append("\\'");
            case '\t' -> out.append("\\t");
            case '\r' -> out.append("\\r");
            case '\n' -> out.append("\\n");
            default -> {
                if (writtenAsIs(cp)) {
                    out.appendCodePoint(cp);
                } else {
                    out.append("\\u{").append(Integer.toHexString(cp)).append('}');
                }
            }
        }
    }

    /** Whether a char other than the six with backslash escapes is written as itself. */
    static boolean writtenAsIs(int cp) {
        if (cp >= 0x20 && cp < 0x7F) {
            return true;
        }
        return printable(cp) && !graphemeExtend(cp);
    }

    /** Rust's {@code is_printable}; false for every control char, so rule 2 needs no test of its own. */
    static boolean printable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            case Character.SPACE_SEPARATOR -> cp == ' ';
            default -> true;
        };
    }

    /** Unicode's {@code Grapheme_Extend}: Mn, Me and {@code Other_Grapheme_Extend}. */
    static boolean graphemeExtend(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
            return true;
        }
        if (cp == 0x200C || (cp >= 0xE0020 && cp <= 0xE007F)) {
            return true;
        }
        for (int[] range : OTHER_GRAPHEME_EXTEND) {
            if (cp < range[0]) {
                return false;
            }
            if (cp <= range[1]) {
                return true;
            }
        }
        return false;
    }
}
