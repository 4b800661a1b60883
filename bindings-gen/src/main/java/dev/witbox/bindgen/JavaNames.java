package dev.witbox.bindgen;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * WIT identifiers to Java identifiers.
 *
 * <p>A WIT identifier is words joined by {@code -}, each word all lowercase or all uppercase
 * ({@code %} escapes are already gone after parsing). Types become PascalCase ({@code http-request} →
 * {@code HttpRequest}), functions, parameters and fields camelCase ({@code get-URL} → {@code getUrl}),
 * enum cases and flags UPPER_SNAKE ({@code not-found} → {@code NOT_FOUND}). A word that starts with a
 * digit gets a {@code _} in front of it only where Java needs one (at the very start of an identifier).
 * A Java keyword, literal, {@code yield} or {@code java.lang.Object} method name gets a
 * trailing {@code _} ({@code class} → {@code class_}, {@code to-string} → {@code toString_}).
 */
final class JavaNames {

    private JavaNames() {
    }

    private static final Set<String> KEYWORDS = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for",
            "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native", "new",
            "package", "private", "protected", "public", "return", "short", "static", "strictfp", "super",
            "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while",
            "true", "false", "null", "_");

    private static final Set<String> RESERVED = union(KEYWORDS, Set.of(
            // a method named yield cannot be called unqualified
            "yield",
            // java.lang.Object methods (a record component or method of that name would clash)
            "clone", "equals", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait"));

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static String[] words(String wit) {
        return wit.split("-");
    }

    private static String capitalized(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return lower.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /** {@code http-request} → {@code HttpRequest}. */
    static String pascal(String wit) {
        StringBuilder sb = new StringBuilder();
        for (String w : words(wit)) {
            sb.append(capitalized(w));
        }
        return leadingDigit(sb.toString());
    }

    /** {@code get-url} → {@code getUrl}, escaped if reserved. */
    static String camel(String wit) {
        return escape(camelRaw(wit));
    }

    /** {@code get-url} → {@code getUrl}, not escaped (to be prefixed or suffixed further). */
    static String camelRaw(String wit) {
        StringBuilder sb = new StringBuilder();
        String[] ws = words(wit);
        for (int i = 0; i < ws.length; i++) {
            sb.append(i == 0 ? ws[i].toLowerCase(Locale.ROOT) : capitalized(ws[i]));
        }
        return leadingDigit(sb.toString());
    }

    /** {@code not-found} → {@code NOT_FOUND}. */
    static String constant(String wit) {
        return escape(leadingDigit(wit.replace('-', '_').toUpperCase(Locale.ROOT)));
    }

    /** Appends {@code _} to a reserved name. */
    static String escape(String name) {
        return RESERVED.contains(name) ? name + "_" : name;
    }

    private static String leadingDigit(String s) {
        return !s.isEmpty() && Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    /** Whether {@code pkg} is a valid dotted Java package name. */
    static boolean isPackageName(String pkg) {
        if (pkg == null || pkg.isEmpty()) {
            return false;
        }
        for (String part : pkg.split("\\.", -1)) {
            if (part.isEmpty() || KEYWORDS.contains(part) || !Character.isJavaIdentifierStart(part.charAt(0))) {
                return false;
            }
            for (int i = 1; i < part.length(); i++) {
                if (!Character.isJavaIdentifierPart(part.charAt(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Allocates names in one scope: the first to ask keeps a name, a later clash gets {@code 2},
     * {@code 3}... appended. Names are compared ignoring case, so that no two generated files or
     * class files differ only in case.
     */
    static final class Scope {
        private final Set<String> taken = new HashSet<>();

        Scope(String... reserved) {
            for (String r : reserved) {
                taken.add(r.toLowerCase(Locale.ROOT));
            }
        }

        boolean isFree(String name) {
            return !taken.contains(name.toLowerCase(Locale.ROOT));
        }

        /** Takes {@code name}, or {@code name2}, {@code name3}... */
        String take(String name) {
            String n = name;
            for (int i = 2; !isFree(n); i++) {
                n = name + i;
            }
            taken.add(n.toLowerCase(Locale.ROOT));
            return n;
        }
    }
}
