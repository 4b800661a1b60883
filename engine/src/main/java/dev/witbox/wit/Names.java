package dev.witbox.wit;

import java.util.Collection;
import java.util.Locale;

/** Identifier rules, name canonicalization and "did you mean" suggestions. */
final class Names {

    private Names() {
    }

    /** Returns null when {@code id} is a valid kebab-case label, else why not. */
    static String checkId(String id) {
        if (id.isEmpty()) {
            return "identifiers cannot be empty";
        }
        int partStart = 0;
        boolean first = true;
        for (int i = 0; i <= id.length(); i++) {
            if (i == id.length() || id.charAt(i) == '-') {
                if (i == partStart) {
                    return "each '-'-separated word must be non-empty";
                }
                String problem = checkPart(id, partStart, i, first);
                if (problem != null) {
                    return problem;
                }
                first = false;
                partStart = i + 1;
            }
        }
        return null;
    }

    private static String checkPart(String id, int from, int to, boolean first) {
        char c0 = id.charAt(from);
        if (first && !((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z'))) {
            return "must start with an ASCII letter";
        }
        int upper = 0;
        int lower = 0;
        for (int i = from; i < to; i++) {
            char c = id.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lower++;
            } else if (c >= 'A' && c <= 'Z') {
                upper++;
            } else if (!(c >= '0' && c <= '9')) {
                return "character " + Lexer.describeChar(id.codePointAt(i))
                        + " is not allowed (use kebab-case: letters, digits and '-')";
            }
            if (upper > 0 && lower > 0) {
                return "word '" + Token.shorten(id.substring(from, to))
                        + "' mixes upper and lower case (each word must be all-lowercase or all-uppercase)";
            }
        }
        return null;
    }

    /** Whether {@code s} consists of lowercase words (used for package namespaces and names). */
    static boolean isLowercaseWords(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return false;
            }
        }
        return true;
    }

    /** Escapes a keyword with '%'. */
    static String escape(String id) {
        return Tok.isKeyword(id) ? "%" + id : id;
    }

    /** The key used for case-insensitive ("strong") uniqueness of plain labels. */
    static String canon(String label) {
        return label.toLowerCase(Locale.ROOT);
    }

    /** Best candidate by edit distance, or null when none is close enough. */
    static String suggest(String wrong, Collection<String> candidates) {
        if (wrong.length() > 64) {
            return null;
        }
        String best = null;
        int bestDist = Integer.MAX_VALUE;
        int limit = Math.max(1, Math.min(3, wrong.length() / 3 + 1));
        int checked = 0;
        for (String c : candidates) {
            if (++checked > 5000) {
                break;
            }
            if (c.length() > 64 || Math.abs(c.length() - wrong.length()) > limit || c.equals(wrong)) {
                continue;
            }
            int d = distance(wrong, c);
            if (d <= limit && d < bestDist) {
                bestDist = d;
                best = c;
            }
        }
        return best;
    }

    static String didYouMean(String wrong, Collection<String> candidates) {
        String s = suggest(wrong, candidates);
        return s == null ? "" : "; did you mean '" + s + "'?";
    }

    /** Damerau-Levenshtein (optimal string alignment) distance. */
    static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[n][m];
    }
}
