package dev.witbox.runtime;

import dev.witbox.api.WitboxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The little of a core module's layout that has to be known before Chicory parses it: its custom sections
 * (where an embedded WIT world lives) and the module names it imports from (for the messages that refuse
 * it). Every length is checked against the bytes that remain; a malformed module is a
 * {@link WitboxException} naming the offset.
 */
final class CoreModuleSections {

    /** A custom section: its name and its payload, with the payload's offset in the module. */
    record Custom(String name, int payloadOffset, byte[] payload) {}

    private final String pluginId;
    private final byte[] bytes;
    private final List<Custom> customs = new ArrayList<>();
    private final Set<String> importModules = new LinkedHashSet<>();
    private int pos;

    private CoreModuleSections(String pluginId, byte[] bytes) {
        this.pluginId = pluginId;
        this.bytes = bytes;
    }

    static CoreModuleSections read(String pluginId, byte[] bytes) {
        CoreModuleSections s = new CoreModuleSections(pluginId, bytes);
        s.readAll();
        return s;
    }

    List<Custom> customs() {
        return customs;
    }

    /** The distinct module names of the module's imports, in order. */
    Set<String> importModules() {
        return importModules;
    }

    private void readAll() {
        if (bytes.length < 8) {
            throw malformed(0, "shorter than the 8-byte preamble");
        }
        pos = 8;
        while (pos < bytes.length) {
            int id = bytes[pos++] & 0xff;
            int size = u32();
            int start = pos;
            if (size > bytes.length - start) {
                throw malformed(start, "section " + id + " claims " + size + " bytes, only "
                        + (bytes.length - start) + " remain");
            }
            int end = start + size;
            if (id == 0) {
                String name = name(end);
                customs.add(new Custom(name, pos, Arrays.copyOfRange(bytes, pos, end)));
            } else if (id == 2) {
                readImports(end);
            }
            pos = end;
        }
    }

    private void readImports(int end) {
        int count = u32();
        for (int i = 0; i < count; i++) {
            importModules.add(name(end));
            name(end);
            int kind = byteAt(end);
            switch (kind) {
                case 0x00 -> u32(); // func: type index
                case 0x01 -> { // table: reftype, limits
                    byteAt(end);
                    limits(end);
                }
                case 0x02 -> limits(end); // memory
                case 0x03 -> { // global: valtype, mutability
                    byteAt(end);
                    byteAt(end);
                }
                case 0x04 -> { // tag: attribute, type index
                    byteAt(end);
                    u32();
                }
                default -> throw malformed(pos - 1, "unknown import kind 0x" + Integer.toHexString(kind));
            }
        }
    }

    private void limits(int end) {
        int flags = byteAt(end);
        u64();
        if ((flags & 1) != 0) {
            u64();
        }
    }

    private int byteAt(int end) {
        if (pos >= end) {
            throw malformed(pos, "unexpected end of section");
        }
        return bytes[pos++] & 0xff;
    }

    private String name(int end) {
        int len = u32();
        if (len > end - pos) {
            throw malformed(pos, "a name of " + len + " bytes runs past the end of its section");
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes, pos, len)).toString();
            pos += len;
            return s;
        } catch (CharacterCodingException e) {
            throw malformed(pos, "a name is not valid UTF-8");
        }
    }

    /** A u32 as the binary format encodes it: at most 5 LEB128 bytes; lengths past 2^31 - 1 are refused. */
    private int u32() {
        long v = leb128(5);
        if (v > Integer.MAX_VALUE) {
            throw malformed(pos, "a length of " + v + " is too large");
        }
        return (int) v;
    }

    private long u64() {
        return leb128(10);
    }

    /**
     * An unsigned LEB128 of at most {@code maxBytes} bytes. Bounding a u32 to its 5 bytes keeps it non-negative:
     * read as a u64, a 10-byte size reached the sign bit and sent the section walk to a negative offset.
     */
    private long leb128(int maxBytes) {
        long result = 0;
        for (int i = 0; i < maxBytes; i++) {
            if (pos >= bytes.length) {
                throw malformed(pos, "unexpected end of the module");
            }
            int b = bytes[pos++] & 0xff;
            result |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw malformed(pos, "an integer is too long");
    }

    private WitboxException malformed(int offset, String problem) {
        return new WitboxException("plugin '" + pluginId + "' is not a valid core module: at offset 0x"
                + Integer.toHexString(offset) + " (" + offset + "): " + problem);
    }
}
