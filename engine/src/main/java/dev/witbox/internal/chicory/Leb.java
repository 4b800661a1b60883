package dev.witbox.internal.chicory;

import java.io.ByteArrayOutputStream;

/**
 * LEB128 as the wasm binary format uses it, for the byte-level rewrites of core modules in this package. They
 * only run on binaries Chicory has already parsed, so a read does not check for overlong or truncated numbers.
 */
final class Leb {

    private Leb() {}

    /** The unsigned number at {@code at}; {@code end[0]} is set to the offset just past it. */
    static long readUnsigned(byte[] b, int at, int[] end) {
        long result = 0;
        int shift = 0;
        int p = at;
        while (true) {
            int x = b[p++] & 0xFF;
            result |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                end[0] = p;
                return result;
            }
            shift += 7;
        }
    }

    static void unsigned(ByteArrayOutputStream out, long value) {
        do {
            int b = (int) (value & 0x7F);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }

    static void signed(ByteArrayOutputStream out, long value) {
        while (true) {
            int b = (int) (value & 0x7F);
            value >>= 7;
            boolean done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return;
            }
        }
    }
}
