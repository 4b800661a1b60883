package dev.witbox.component;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Cursor over the input with a hard limit. Every read checks the limit first, so truncated or
 * hostile input ends in a {@link ComponentDecodeException} and never in an index exception.
 * Positions are absolute offsets into the whole input, which is what error messages report.
 */
final class ByteReader {

    private final byte[] data;
    private int pos;
    private int limit;
    /** Which section the bytes belong to; only used to word error messages. */
    private String section = "preamble";

    ByteReader(byte[] data) {
        this(data, 0, data.length);
    }

    /** A reader over {@code data[start, end)} that still reports absolute offsets. */
    ByteReader(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.limit = end;
    }

    byte[] data() {
        return data;
    }

    int pos() {
        return pos;
    }

    int limit() {
        return limit;
    }

    int remaining() {
        return limit - pos;
    }

    boolean atEnd() {
        return pos >= limit;
    }

    String section() {
        return section;
    }

    /** Switches the error-message context; returns the previous one so callers can restore it. */
    String enterSection(String name) {
        String previous = section;
        section = name;
        return previous;
    }

    /** Narrows the limit to {@code size} bytes from here; returns the old limit to restore. */
    int pushLimit(long size, String what) {
        if (size > remaining()) {
            throw error(pos, what + " of " + size + " bytes exceeds the " + remaining() + " bytes remaining");
        }
        int old = limit;
        limit = pos + (int) size;
        return old;
    }

    void popLimit(int oldLimit) {
        limit = oldLimit;
    }

    ComponentDecodeException error(long at, String problem) {
        return new ComponentDecodeException(section, at, problem);
    }

    ComponentDecodeException error(String problem) {
        return error(pos, problem);
    }

    int u8() {
        if (pos >= limit) {
            throw error("unexpected end of input, expected 1 more byte");
        }
        return data[pos++] & 0xff;
    }

    int peek() {
        if (pos >= limit) {
            throw error("unexpected end of input, expected 1 more byte");
        }
        return data[pos] & 0xff;
    }

    void expect(int expected, String what) {
        int at = pos;
        int b = u8();
        if (b != expected) {
            throw error(at, "expected " + what + " 0x" + hex(expected) + " but found 0x" + hex(b));
        }
    }

    byte[] bytes(int n) {
        if (n < 0 || n > remaining()) {
            throw error("unexpected end of input, expected " + n + " more bytes but only " + remaining() + " remain");
        }
        byte[] out = new byte[n];
        System.arraycopy(data, pos, out, 0, n);
        pos += n;
        return out;
    }

    void skip(int n) {
        if (n < 0 || n > remaining()) {
            throw error("unexpected end of input, expected " + n + " more bytes but only " + remaining() + " remain");
        }
        pos += n;
    }

    /** Unsigned LEB128 limited to 32 bits, as core wasm requires (at most 5 bytes, no stray high bits). */
    long u32() {
        int start = pos;
        long result = 0;
        for (int i = 0; i < 5; i++) {
            if (pos >= limit) {
                throw error(start, "unexpected end of input inside a LEB128 u32");
            }
            int b = data[pos++] & 0xff;
            if (i == 4 && (b & 0xf0) != 0) {
                throw error(start, "LEB128 u32 out of range (too many bits in 5th byte 0x" + hex(b) + ")");
            }
            result |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw error(start, "LEB128 u32 longer than 5 bytes");
    }

    /** Skips an unsigned LEB128 of at most 10 bytes (up to a u64) without checking its value. */
    void skipLeb128() {
        for (int i = 0; i < 10; i++) {
            if ((u8() & 0x80) == 0) {
                return;
            }
        }
        throw error("LEB128 too long");
    }

    /** A u32 used as an index or count; they must fit a Java int to be usable at all. */
    int index() {
        int start = pos;
        long v = u32();
        if (v > Integer.MAX_VALUE) {
            throw error(start, "index " + v + " exceeds the implementation limit of " + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    /**
     * A type index encoded as a non-negative SLEB128 s33, as {@code valtype} requires: single bytes
     * 0x40..0x7f are negative (type opcodes), so indices from 64 up take at least two bytes.
     */
    int typeIndexS33() {
        int start = pos;
        long result = 0;
        for (int i = 0; i < 5; i++) {
            if (pos >= limit) {
                throw error(start, "unexpected end of input inside a LEB128 s33");
            }
            int b = data[pos++] & 0xff;
            result |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                if (i == 4 && (b & 0x70) != 0) {
                    throw error(start, "LEB128 s33 out of range");
                }
                if ((b & 0x40) != 0) {
                    throw error(start, "negative s33 where a type index was expected");
                }
                if (result > Integer.MAX_VALUE) {
                    throw error(start, "index " + result + " exceeds the implementation limit of " + Integer.MAX_VALUE);
                }
                return (int) result;
            }
        }
        throw error(start, "LEB128 s33 longer than 5 bytes");
    }

    /**
     * Length of a vec: every element of every vec in the grammar takes at least one byte, so a count
     * larger than the remaining bytes is rejected before anything is allocated for it.
     */
    int vecLength(String what) {
        int start = pos;
        long n = u32();
        if (n > remaining()) {
            throw error(start, what + " count " + n + " exceeds the " + remaining() + " bytes remaining");
        }
        return (int) n;
    }

    /** A core:name: length-prefixed, strictly valid UTF-8. */
    String name(String what) {
        int start = pos;
        long len = u32();
        if (len > remaining()) {
            throw error(start, what + " length " + len + " exceeds the " + remaining() + " bytes remaining");
        }
        int n = (int) len;
        if (isAscii(pos, n)) {
            // the common case; avoids a CharsetDecoder per name
            String s = new String(data, pos, n, StandardCharsets.ISO_8859_1);
            pos += n;
            return s;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(data, pos, n));
            pos += n;
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw error(start, what + " is not valid UTF-8");
        }
    }

    private boolean isAscii(int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (data[i] < 0) {
                return false;
            }
        }
        return true;
    }

    static String hex(int b) {
        return String.format("%02x", b);
    }
}
