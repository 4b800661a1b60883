package dev.witbox.wit;

import java.util.List;

/**
 * A lexed token. {@code text} is the identifier (without '%'), the digits of an integer or the
 * decoded value of a string literal; {@code docs} are the doc comments seen just before it.
 */
record Token(Tok kind, int start, int end, String text, List<String> docs) {

    String describe() {
        return switch (kind) {
            case ID -> "identifier '" + shorten(text) + "'";
            case INTEGER -> "integer '" + shorten(text) + "'";
            default -> kind.describe();
        };
    }

    static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
