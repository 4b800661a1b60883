package dev.witbox.component;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The lexical rules for labels and extern names (Explainer "Import and Export Definitions") and the
 * "strongly-unique" canonicalization (Explainer "Name Uniqueness"). Hand-written scanners rather than
 * regular expressions where names come from untrusted input, so that pathological names cannot cause
 * catastrophic backtracking.
 */
final class NameRules {

    private NameRules() {
    }

    // semver.org's recommended grammar; applied only to short version strings.
    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                    + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

    private static final Pattern CANON_VERSION = Pattern.compile("[1-9][0-9]*|0\\.[1-9][0-9]*|0\\.0\\.[1-9][0-9]*|0\\.0\\.0");

    private static boolean lower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean upper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code label ::= first-fragment ('-' fragment)*}, i.e. kebab case with all-lower words or all-upper acronyms. */
    static boolean isLabel(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int i = 0;
        boolean first = true;
        while (true) {
            int start = i;
            if (i >= s.length()) {
                return false; // empty fragment
            }
            char c0 = s.charAt(i);
            if (first && !lower(c0) && !upper(c0)) {
                return false;
            }
            boolean isUpper = upper(c0);
            boolean isLower = lower(c0);
            while (i < s.length() && s.charAt(i) != '-') {
                char c = s.charAt(i);
                if (digit(c)) {
                    // digits are uncased and fit both words and acronyms
                } else if (lower(c)) {
                    if (isUpper) {
                        return false;
                    }
                    isLower = true;
                } else if (upper(c)) {
                    if (isLower) {
                        return false;
                    }
                    isUpper = true;
                } else {
                    return false;
                }
                i++;
            }
            if (i == start) {
                return false;
            }
            if (i == s.length()) {
                return true;
            }
            i++; // skip '-'
            first = false;
        }
    }

    /** {@code words ::= first-word ('-' word)*}: lower case only, used for namespaces and packages. */
    static boolean isWords(String s) {
        if (s.isEmpty() || !lower(s.charAt(0))) {
            return false;
        }
        for (String part : s.split("-", -1)) {
            if (part.isEmpty()) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (!lower(c) && !digit(c)) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean isSemver(String s) {
        return s.length() <= 256 && SEMVER.matcher(s).matches();
    }

    static boolean isCanonVersion(String s) {
        return s.length() <= 64 && CANON_VERSION.matcher(s).matches();
    }

    /** Why {@code name} is not a valid plainname, or null if it is one. */
    static String plainNameProblem(String name) {
        if (name.startsWith("[constructor]")) {
            String l = name.substring("[constructor]".length());
            return isLabel(l) ? null : "'" + l + "' in [constructor] name is not a kebab-case label";
        }
        for (String prefix : new String[] {"[method]", "[static]"}) {
            if (name.startsWith(prefix)) {
                String rest = name.substring(prefix.length());
                int dot = rest.indexOf('.');
                if (dot < 0) {
                    return prefix + " name must have the form " + prefix + "resource.name";
                }
                if (!isLabel(rest.substring(0, dot)) || !isLabel(rest.substring(dot + 1))) {
                    return prefix + " name parts must be kebab-case labels";
                }
                return null;
            }
        }
        return isLabel(name) ? null : "not a kebab-case label";
    }

    /** The resource label of a {@code [constructor]}, {@code [method]} or {@code [static]} name, else null. */
    static String annotatedResource(String name) {
        if (name.startsWith("[constructor]")) {
            return name.substring("[constructor]".length());
        }
        for (String prefix : new String[] {"[method]", "[static]"}) {
            if (name.startsWith(prefix)) {
                String rest = name.substring(prefix.length());
                int dot = rest.indexOf('.');
                return dot < 0 ? null : rest.substring(0, dot);
            }
        }
        return null;
    }

    /** Parses an interface name with one namespace and one projection; null if not that shape. */
    static InterfaceName parseInterfaceName(String name) {
        int colon = name.indexOf(':');
        int slash = name.indexOf('/');
        if (colon <= 0 || slash < colon) {
            return null;
        }
        String ns = name.substring(0, colon);
        String pkg = name.substring(colon + 1, slash);
        String rest = name.substring(slash + 1);
        Optional<String> version = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            version = Optional.of(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        if (!isWords(ns) || !isWords(pkg) || !isLabel(rest)) {
            return null;
        }
        if (version.isPresent() && !isSemver(version.get()) && !isCanonVersion(version.get())) {
            return null;
        }
        return new InterfaceName(ns, pkg, rest, version);
    }

    /** True for the 🪺 nested form {@code a:b:c/d/e}, which witbox does not support. */
    static boolean isNestedInterfaceName(String name) {
        int colon = name.indexOf(':');
        int slash = name.indexOf('/');
        return colon >= 0 && (name.indexOf(':', colon + 1) >= 0 && (slash < 0 || name.indexOf(':', colon + 1) < slash)
                || slash >= 0 && name.indexOf('/', slash + 1) >= 0
                && (name.indexOf('@') < 0 || name.indexOf('/', slash + 1) < name.indexOf('@')));
    }

    /** Why {@code name} is not a valid externname, or null if it is one. */
    static String externNameProblem(String name) {
        if (name.indexOf(':') >= 0) {
            return parseInterfaceName(name) == null ? "not a valid interface name (namespace:package/interface@version)" : null;
        }
        return plainNameProblem(name);
    }

    /** Explains a strongly-unique clash with a different spelling; empty for plain repeats. */
    static String conflict(String name, String previous) {
        return name.equals(previous) ? "" : " (not strongly-unique from \"" + previous + "\")";
    }

    /** The canonical form used for the strongly-unique check. */
    static String canonical(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String prefix : new String[] {"[method]", "[static]"}) {
            if (n.startsWith(prefix)) {
                String rest = n.substring(prefix.length());
                int dot = rest.indexOf('.');
                if (dot >= 0 && rest.substring(0, dot).equals(rest.substring(dot + 1))) {
                    return rest.substring(0, dot);
                }
                return rest;
            }
        }
        return n;
    }
}
