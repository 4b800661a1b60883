package dev.witbox.internal.chicory;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The on-disk form of one compile cache entry: a header naming exactly what was compiled, then the payload
 * (a {@link CompiledEntry}: the stubbed module and Chicory's generated classes) and its SHA-256.
 *
 * <pre>
 * "WITBOXCC"  u16 format  u32 keyLength  key (UTF-8)  u64 payloadLength  payload  sha-256(key, payload)
 * </pre>
 *
 * <p>The key is stored in full and compared on read, so an entry is never used for another module or
 * compiler even if a file were renamed; the checksum, at the end, catches truncated and damaged files
 * (a crash mid-write, a full disk, bit rot), which are then compiled again.
 */
final class CacheEntry {

    private static final byte[] MAGIC = "WITBOXCC".getBytes(StandardCharsets.US_ASCII);
    /** Bump when this layout changes; older files then read as corrupt and are rewritten. */
    private static final int FORMAT = 1;
    private static final int DIGEST_BYTES = 32;

    private CacheEntry() {}

    /** Thrown when a file is not a valid entry for the key asked for. */
    static final class Corrupt extends Exception {
        Corrupt(String reason) {
            super(reason, null, false, false);
        }
    }

    static byte[] encode(String key, byte[] payload) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + keyBytes.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeShort(FORMAT);
            out.writeInt(keyBytes.length);
            out.write(keyBytes);
            out.writeLong(payload.length);
            out.write(payload);
            out.write(digest(keyBytes, payload));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** The payload of {@code file} if it is a whole, undamaged entry for {@code key}. */
    static byte[] decode(String key, byte[] file) throws Corrupt {
        ByteBuffer in = ByteBuffer.wrap(file);
        if (!Arrays.equals(take(in, MAGIC.length), MAGIC)) {
            throw new Corrupt("not a witbox compile cache entry");
        }
        int format = Short.toUnsignedInt(ByteBuffer.wrap(take(in, 2)).getShort());
        if (format != FORMAT) {
            throw new Corrupt("entry format " + format + ", expected " + FORMAT);
        }
        int keyLength = ByteBuffer.wrap(take(in, 4)).getInt();
        byte[] keyBytes = take(in, keyLength);
        if (!Arrays.equals(keyBytes, key.getBytes(StandardCharsets.UTF_8))) {
            throw new Corrupt("it was written for another module or compiler: "
                    + new String(keyBytes, StandardCharsets.UTF_8).replace('\n', ' '));
        }
        long payloadLength = ByteBuffer.wrap(take(in, 8)).getLong();
        if (payloadLength != (long) in.remaining() - DIGEST_BYTES) {
            throw new Corrupt("truncated or padded: its " + file.length + " bytes do not hold a payload of "
                    + payloadLength + " bytes and its checksum");
        }
        byte[] payload = take(in, (int) payloadLength);
        if (!MessageDigest.isEqual(take(in, DIGEST_BYTES), digest(keyBytes, payload))) {
            throw new Corrupt("checksum mismatch: the payload was damaged");
        }
        return payload;
    }

    private static byte[] take(ByteBuffer in, int count) throws Corrupt {
        if (count < 0 || in.remaining() < count) {
            throw new Corrupt("truncated: " + in.capacity() + " bytes");
        }
        byte[] out = new byte[count];
        in.get(out);
        return out;
    }

    private static byte[] digest(byte[] keyBytes, byte[] payload) {
        MessageDigest sha = sha256();
        sha.update(keyBytes);
        sha.update(payload);
        return sha.digest();
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e); // required by the Java SE spec
        }
    }
}
