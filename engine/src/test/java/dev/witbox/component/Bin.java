package dev.witbox.component;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Assembles binaries byte by byte for cases the text format cannot express (or jco encodes differently). */
final class Bin {

    static final int[] PREAMBLE = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Bin of(int... bytes) {
        return new Bin().b(bytes);
    }

    Bin b(int... bytes) {
        for (int x : bytes) {
            out.write(x);
        }
        return this;
    }

    Bin bytes(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    Bin u32(long v) {
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return this;
    }

    /** Signed LEB128, e.g. for type indices in {@code valtype} (an s33). */
    Bin s33(long v) {
        while (true) {
            int b = (int) (v & 0x7f);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return this;
            }
        }
    }

    Bin name(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return u32(b.length).bytes(b);
    }

    /** A section with its id and size prefix. */
    Bin section(int id, Bin content) {
        byte[] c = content.build();
        return b(id).u32(c.length).bytes(c);
    }

    byte[] build() {
        return out.toByteArray();
    }

    /** A component preamble followed by the given section bytes. */
    static byte[] component(Bin sections) {
        return Bin.of(PREAMBLE).bytes(sections.build()).build();
    }
}
