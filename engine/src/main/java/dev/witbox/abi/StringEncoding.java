package dev.witbox.abi;

/** The {@code string-encoding} canonical option. */
public enum StringEncoding {
    UTF8,
    UTF16,
    /** Latin-1 or UTF-16 chosen per string, UTF-16 flagged by {@link Layout#UTF16_TAG} in the length. */
    LATIN1_UTF16
}
