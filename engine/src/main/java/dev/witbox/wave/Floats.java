package dev.witbox.wave;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Floats as WAVE writes them: the shortest decimal that reads back as the same value at the
 * type's own precision, in plain notation (no exponent, no trailing {@code .0}), like Rust's
 * {@code Display} for {@code f32}/{@code f64}; {@code nan}, {@code inf}, {@code -inf}, {@code -0}.
 *
 * <p>Java 17's {@code Double.toString} is not always shortest (JDK-4511638, fixed only in Java
 * 19) and switches to exponents, so the digits are searched for directly: for 1, 2, 3, …
 * significant digits, the decimals just below and just above the exact binary value are the only
 * candidates of that length that can read back as it; the first length where one does wins, and
 * of two, the nearer (as the shortest-digit algorithms choose).
 */
final class Floats {

    private Floats() {
    }

    static String format(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return (Double.doubleToRawLongBits(x) < 0) ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(x);
        Interval in = interval(exact, finite(Math.nextDown(x)), finite(Math.nextUp(x)),
                (Double.doubleToRawLongBits(x) & 1) == 0);
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal best = shortest(exact, digits, in);
            if (best != null) {
                return plain(best);
            }
        }
        return plain(exact); // unreachable: 17 significant digits always round-trip a double
    }

    static String format(float x) {
        if (Float.isNaN(x)) {
            return "nan";
        }
        if (Float.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return (Float.floatToRawIntBits(x) < 0) ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(x);
        Interval in = interval(exact, finite(Math.nextDown(x)), finite(Math.nextUp(x)),
                (Float.floatToRawIntBits(x) & 1) == 0);
        for (int digits = 1; digits <= 9; digits++) {
            BigDecimal best = shortest(exact, digits, in);
            if (best != null) {
                return plain(best);
            }
        }
        return plain(exact); // unreachable: 9 significant digits always round-trip a float
    }

    /** The nearest decimal of {@code digits} significant digits that reads back as the value, or null. */
    private static BigDecimal shortest(BigDecimal exact, int digits, Interval in) {
        BigDecimal down = exact.round(new MathContext(digits, RoundingMode.DOWN));
        BigDecimal up = exact.round(new MathContext(digits, RoundingMode.UP));
        boolean downOk = in.contains(down);
        boolean upOk = in.contains(up);
        if (downOk && upOk) {
            int cmp = exact.subtract(down).abs().compareTo(up.subtract(exact).abs());
            if (cmp != 0) {
                return cmp < 0 ? down : up;
            }
            return exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
        }
        return downOk ? down : upOk ? up : null;
    }

    /**
     * The decimals that read back as a value: those nearer to it than to either neighbour, and the
     * midpoints too when the value's significand is even (reading rounds half to even). Exact
     * arithmetic, so the answer does not depend on the JDK's decimal parsing. Beyond the largest
     * finite value the neighbour is infinity; the midpoint is then as far as the one below.
     */
    private static Interval interval(BigDecimal x, BigDecimal below, BigDecimal above, boolean even) {
        BigDecimal two = BigDecimal.valueOf(2);
        BigDecimal lo = below == null ? x.subtract(above.subtract(x).divide(two)) : x.add(below).divide(two);
        BigDecimal hi = above == null ? x.add(x.subtract(below).divide(two)) : x.add(above).divide(two);
        return new Interval(lo, hi, even);
    }

    /** The exact value of a neighbour (a float widens exactly), or null for infinity. */
    private static BigDecimal finite(double v) {
        return Double.isInfinite(v) ? null : new BigDecimal(v);
    }

    /** The open or closed (when {@code closed}) interval between two midpoints. */
    private record Interval(BigDecimal lo, BigDecimal hi, boolean closed) {
        boolean contains(BigDecimal c) {
            int a = c.compareTo(lo);
            int b = c.compareTo(hi);
            return closed ? a >= 0 && b <= 0 : a > 0 && b < 0;
        }
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
