package dev.witbox.wit;

/**
 * The feature gate of an item: {@code @since(version = ..)}, {@code @unstable(feature = ..)}, each
 * optionally with {@code @deprecated(version = ..)}, or none ({@link Unknown}).
 */
public sealed interface Stability {

    /** No gate. */
    Stability UNKNOWN = new Unknown();

    /** Deprecation version or null. */
    Version deprecated();

    /** No gate written. */
    record Unknown() implements Stability {
        @Override
        public Version deprecated() {
            return null;
        }
    }

    /** {@code @since(version = v)} (+ optional {@code @deprecated}). */
    record Since(Version version, Version deprecated) implements Stability {
    }

    /** {@code @unstable(feature = f)} (+ optional {@code @deprecated}). */
    record Unstable(String feature, Version deprecated) implements Stability {
    }
}
