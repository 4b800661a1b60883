package dev.witbox.abi;

import static dev.witbox.abi.CanonicalAbiTrap.hex;

import dev.witbox.api.WitboxException;
import java.nio.charset.StandardCharsets;

/**
 * String transcoding between guest memory and Java strings, in the three string encodings.
 *
 * <p>Loading follows the spec's {@code load_string_from_range}: the byte length is checked against
 * {@link Layout#MAX_STRING_BYTE_LENGTH}, the pointer for alignment and bounds, and the bytes are
 * validated strictly (no replacement characters) before one string is built from one copy.
 *
 * <p>Storing follows {@code store_string}. The spec lets the source of a string describe itself by
 * an encoding and a length in code units (the hint {@code store_string} uses to size its first
 * allocation); a Java string can be measured exactly for any target encoding, so the host always
 * presents it in the guest's own encoding. That puts every host-to-guest store on the spec's
 * {@code store_string_copy} path: one realloc of exactly the right size and one bulk write, never
 * a speculative allocation followed by a shrinking realloc. For latin1+utf16 a string is stored as
 * Latin-1 when every char fits, otherwise as tagged UTF-16, the outcome the spec's transcoder
 * reaches too.
 */
final class Strings {

    private Strings() {}

    /** Lifts the string at {@code ptr} whose length is {@code taggedLength} code units (tagged for latin1+utf16). */
    static String load(CallContext cx, long ptr, long taggedLength) {
        long byteLength;
        int alignment;
        boolean utf16;
        boolean latin1 = false;
        switch (cx.encoding) {
            case UTF8 -> {
                byteLength = taggedLength;
                alignment = 1;
                utf16 = false;
            }
            case UTF16 -> {
                byteLength = 2 * taggedLength;
                alignment = 2;
                utf16 = true;
            }
            default -> {
                alignment = 2;
                utf16 = (taggedLength & Layout.UTF16_TAG) != 0;
                latin1 = !utf16;
                byteLength = utf16 ? 2 * (taggedLength ^ Layout.UTF16_TAG) : taggedLength;
            }
        }
        String what = latin1 ? "Latin-1 string" : utf16 ? "UTF-16 string" : "string";
        if (byteLength > Layout.MAX_STRING_BYTE_LENGTH) {
            throw new CanonicalAbiTrap(what + " at " + hex(ptr) + " with length " + taggedLength
                    + (cx.encoding == StringEncoding.LATIN1_UTF16 ? " (tagged)" : "") + " is " + byteLength
                    + " bytes, more than the maximum of " + Layout.MAX_STRING_BYTE_LENGTH);
        }
        cx.checkAligned(what, ptr, alignment);
        cx.checkInBounds(what, ptr, byteLength);
        cx.charge(what, ptr, byteLength);
        byte[] bytes = cx.memory.readBytes(ptr, (int) byteLength);
        if (latin1) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        if (utf16) {
            int bad = invalidUtf16(bytes);
            if (bad >= 0) {
                throw new CanonicalAbiTrap(what + " at " + hex(ptr) + " with " + byteLength
                        + " bytes is not valid UTF-16: unpaired surrogate at byte " + bad);
            }
            return new String(bytes, StandardCharsets.UTF_16LE);
        }
        int bad = invalidUtf8(bytes);
        if (bad >= 0) {
            throw new CanonicalAbiTrap(what + " at " + hex(ptr) + " with " + byteLength
                    + " bytes is not valid UTF-8: bad sequence at byte " + bad);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Stores {@code s} in a block the guest's realloc provides; returns the pointer and leaves the
     * (tagged) length in code units in {@link CallContext#lastLength}.
     */
    static long store(CallContext cx, String s) {
        byte[] bytes;
        int alignment;
        long length;
        switch (cx.encoding) {
            case UTF8 -> {
                checkWellFormed(s);
                bytes = s.getBytes(StandardCharsets.UTF_8);
                alignment = 1;
                length = bytes.length;
            }
            case UTF16 -> {
                checkWellFormed(s);
                bytes = s.getBytes(StandardCharsets.UTF_16LE);
                alignment = 2;
                length = s.length();
            }
            default -> {
                alignment = 2;
                if (isLatin1(s)) {
                    bytes = s.getBytes(StandardCharsets.ISO_8859_1);
                    length = bytes.length;
                } else {
                    checkWellFormed(s);
                    bytes = s.getBytes(StandardCharsets.UTF_16LE);
                    length = s.length() | Layout.UTF16_TAG;
                }
            }
        }
        long ptr = cx.allocate(alignment, bytes.length, "string");
        cx.memory.write(ptr, bytes, 0, bytes.length);
        cx.lastLength = length;
        return ptr;
    }

    private static boolean isLatin1(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** A WIT string is a sequence of Unicode scalar values: a Java string with a lone surrogate is not one. */
    private static void checkWellFormed(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw new WitboxException("string has an unpaired surrogate at index " + i
                            + " and is not a valid WIT string");
                }
            }
        }
    }

    /** The index of the first byte of an ill-formed sequence (Unicode table 3-7), or -1. */
    static int invalidUtf8(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                if (c == 0xE0) {
                    lo = 0xA0;
                } else if (c == 0xED) {
                    hi = 0x9F; // no encoded surrogates
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                if (c == 0xF0) {
                    lo = 0x90;
                } else if (c == 0xF4) {
                    hi = 0x8F;
                }
            } else {
                return i;
            }
            if (i + need >= n) {
                return i;
            }
            int second = b[i + 1] & 0xFF;
            if (second < lo || second > hi) {
                return i;
            }
            for (int k = 2; k <= need; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += need + 1;
        }
        return -1;
    }

    /** The byte offset of the first unpaired surrogate in little-endian UTF-16, or -1. */
    static int invalidUtf16(byte[] b) {
        int n = b.length;
        for (int i = 0; i < n; i += 2) {
            int c = (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
            if (c >= 0xD800 && c <= 0xDFFF) {
                if (c >= 0xDC00 || i + 3 >= n) {
                    return i;
                }
                int d = (b[i + 2] & 0xFF) | (b[i + 3] & 0xFF) << 8;
                if (d < 0xDC00 || d > 0xDFFF) {
                    return i;
                }
                i += 2;
            }
        }
        return -1;
    }
}
