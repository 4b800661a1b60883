package dev.witbox.sample;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Hostile images made here: small files that claim (or hold) far more pixels than they take bytes. */
final class Bombs {

    private Bombs() {}

    /**
     * A real, valid PNG of {@code w} x {@code h} black RGB pixels: every row compresses to almost nothing, so
     * 10000 x 5000 (50 megapixels, 150 MB decoded) is about 150 KB.
     */
    static byte[] png(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array());
        Deflater deflater = new Deflater(9);
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        byte[] row = new byte[1 + 3 * w]; // filter byte 0, then black
        byte[] buffer = new byte[65536];
        for (int y = 0; y < h; y++) {
            deflater.setInput(row);
            while (!deflater.needsInput()) {
                idat.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            idat.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** {@code jpeg} with its frame header (SOF0) patched to claim {@code w} x {@code h}: a header-only bomb. */
    static byte[] jpegClaiming(byte[] jpeg, int w, int h) {
        byte[] out = jpeg.clone();
        for (int i = 2; i + 9 < out.length; i++) {
            if ((out[i] & 0xff) == 0xFF && (out[i + 1] & 0xff) == 0xC0) {
                out[i + 5] = (byte) (h >> 8);
                out[i + 6] = (byte) h;
                out[i + 7] = (byte) (w >> 8);
                out[i + 8] = (byte) w;
                return out;
            }
        }
        throw new IllegalArgumentException("no SOF0 in the JPEG");
    }

    /**
     * {@code jpeg} with the length of its first Huffman table after the frame header (DHT after SOF0) broken: the
     * header stb_image reads for the size check is intact, and libjpeg stops with a fatal error at the table.
     */
    static byte[] jpegWithBrokenHuffmanTable(byte[] jpeg) {
        byte[] out = jpeg.clone();
        boolean afterFrame = false;
        for (int i = 2; i + 3 < out.length; i++) {
            if ((out[i] & 0xff) != 0xFF) {
                continue;
            }
            int marker = out[i + 1] & 0xff;
            if (marker == 0xC0) {
                afterFrame = true;
            } else if (marker == 0xC4 && afterFrame) {
                out[i + 2] = 0;
                out[i + 3] = 3; // two bytes of length and one of table class/id: no code counts
                return out;
            }
        }
        throw new IllegalArgumentException("no DHT after SOF0 in the JPEG");
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
