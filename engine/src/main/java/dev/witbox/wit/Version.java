package dev.witbox.wit;

import java.math.BigInteger;
import java.util.List;

/**
 * A Semantic Versioning 2.0 version such as {@code 1.2.3-rc.1+build.5}.
 *
 * <p>{@link #equals} compares the exact text (build metadata included), which is how package
 * identity works; {@link #compareTo} orders by semver precedence (build metadata ignored).
 */
public record Version(BigInteger major, BigInteger minor, BigInteger patch, List<String> preRelease,
        List<String> build) implements Comparable<Version> {

    public Version {
        preRelease = List.copyOf(preRelease);
        build = List.copyOf(build);
    }

    /** Parses a version, throwing {@link IllegalArgumentException} with a reason if invalid. */
    public static Version parse(String text) {
        String error = validate(text);
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
        int plus = text.indexOf('+');
        String main = plus >= 0 ? text.substring(0, plus) : text;
        List<String> build = plus >= 0 ? List.of(text.substring(plus + 1).split("\\.", -1)) : List.of();
        int dash = main.indexOf('-');
        String core = dash >= 0 ? main.substring(0, dash) : main;
        List<String> pre = dash >= 0 ? List.of(main.substring(dash + 1).split("\\.", -1)) : List.of();
        String[] parts = core.split("\\.", -1);
        return new Version(new BigInteger(parts[0]), new BigInteger(parts[1]), new BigInteger(parts[2]), pre, build);
    }

    /** Returns null when {@code text} is a valid semver, else a reason. */
    static String validate(String text) {
        if (text == null || text.isEmpty()) {
            return "empty version";
        }
        int plus = text.indexOf('+');
        String main = plus >= 0 ? text.substring(0, plus) : text;
        if (plus >= 0) {
            String build = text.substring(plus + 1);
            for (String id : build.split("\\.", -1)) {
                if (id.isEmpty() || !alnumHyphen(id)) {
                    return "invalid build metadata '" + build + "' (dot-separated identifiers of [0-9A-Za-z-])";
                }
            }
        }
        int dash = main.indexOf('-');
        String core = dash >= 0 ? main.substring(0, dash) : main;
        if (dash >= 0) {
            String pre = main.substring(dash + 1);
            for (String id : pre.split("\\.", -1)) {
                if (id.isEmpty() || !alnumHyphen(id)) {
                    return "invalid pre-release '" + pre + "' (dot-separated identifiers of [0-9A-Za-z-])";
                }
                if (allDigits(id) && id.length() > 1 && id.charAt(0) == '0') {
                    return "numeric pre-release identifier '" + id + "' has a leading zero";
                }
            }
        }
        String[] parts = core.split("\\.", -1);
        if (parts.length != 3) {
            return "version '" + text + "' must have the form MAJOR.MINOR.PATCH";
        }
        for (String p : parts) {
            if (p.isEmpty() || !allDigits(p)) {
                return "version '" + text + "' must have the form MAJOR.MINOR.PATCH with numeric parts";
            }
            if (p.length() > 1 && p.charAt(0) == '0') {
                return "version number '" + p + "' in '" + text + "' has a leading zero";
            }
        }
        return null;
    }

    private static boolean alnumHyphen(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    @Override
    public int compareTo(Version o) {
        int c = major.compareTo(o.major);
        if (c == 0) {
            c = minor.compareTo(o.minor);
        }
        if (c == 0) {
            c = patch.compareTo(o.patch);
        }
        if (c != 0) {
            return c;
        }
        if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty());
        }
        for (int i = 0; i < Math.min(preRelease.size(), o.preRelease.size()); i++) {
            String a = preRelease.get(i);
            String b = o.preRelease.get(i);
            boolean an = allDigits(a);
            boolean bn = allDigits(b);
            int r;
            if (an && bn) {
                r = new BigInteger(a).compareTo(new BigInteger(b));
            } else if (an != bn) {
                r = an ? -1 : 1;
            } else {
                r = a.compareTo(b);
            }
            if (r != 0) {
                return r;
            }
        }
        return Integer.compare(preRelease.size(), o.preRelease.size());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(major).append('.').append(minor).append('.').append(patch);
        if (!preRelease.isEmpty()) {
            sb.append('-').append(String.join(".", preRelease));
        }
        if (!build.isEmpty()) {
            sb.append('+').append(String.join(".", build));
        }
        return sb.toString();
    }
}
