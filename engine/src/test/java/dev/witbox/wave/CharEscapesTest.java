package dev.witbox.wave;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hand-kept part of the escaping rules; the rules themselves are rows of {@link WaveTextTest}. */
class CharEscapesTest {

    @Test
    void otherGraphemeExtendRangesAreSortedAndDisjoint() {
        int previousEnd = -1;
        for (int[] range : CharEscapes.OTHER_GRAPHEME_EXTEND) {
            assertThat(range[0]).isGreaterThan(previousEnd).isLessThanOrEqualTo(range[1]);
            previousEnd = range[1];
        }
    }

    @Test
    void otherGraphemeExtendListsOnlyMarksAndTheTwoHalfwidthSoundMarks() {
        for (int[] range : CharEscapes.OTHER_GRAPHEME_EXTEND) {
            for (int cp = range[0]; cp <= range[1]; cp++) {
                int type = Character.getType(cp);
                // Mn for a char that became Mc after the JDK's Unicode version (U+1734), Cn for one assigned since
                boolean expected = type == Character.COMBINING_SPACING_MARK || type == Character.NON_SPACING_MARK
                        || type == Character.UNASSIGNED
                        || ((cp == 0xFF9E || cp == 0xFF9F) && type == Character.MODIFIER_LETTER);
                assertThat(expected).as("U+%04X has category %d", cp, type).isTrue();
                assertThat(CharEscapes.writtenAsIs(cp)).isFalse();
            }
        }
    }

    @Test
    void spacingMarksOutsideTheListAreWrittenAsThemselves() {
        assertThat(CharEscapes.writtenAsIs(0x0903)).isTrue(); // DEVANAGARI SIGN VISARGA
        assertThat(CharEscapes.writtenAsIs(0x09BF)).isTrue(); // BENGALI VOWEL SIGN I, next to U+09BE
        assertThat(CharEscapes.writtenAsIs(0x1D167)).isFalse(); // Mn, between listed Mc ranges
    }
}
