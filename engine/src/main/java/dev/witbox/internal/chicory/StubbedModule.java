package dev.witbox.internal.chicory;

import java.io.ByteArrayOutputStream;
import java.util.Set;

/**
 * A core module's binary with the bodies of its compiled functions replaced by {@code unreachable}: what
 * Chicory is given with compiled classes taken from the compile cache or from build time.
 *
 * <p>Chicory's compiled code never reads a function body, but its parser decodes and validates every body of the
 * module it is given, which on a large guest is most of the load (the 12 MB componentize-js guest: seconds of
 * decoding and validation for classes that are already compiled). The stubbed module keeps everything else byte
 * for byte (types, imports, exports, globals, tables, memories, data, custom sections and the bodies of the
 * functions Chicory interprets because they are too large for a JVM method), so the instance built from it is the
 * original's. A stub {@code unreachable} body is valid for every function type, so the stubbed module validates.
 */
final class StubbedModule {

    private static final int CODE_SECTION = 10;
    /** Body size 3: no locals, {@code unreachable}, {@code end}. */
    private static final byte[] STUB_BODY = {0x03, 0x00, 0x00, 0x0B};

    private StubbedModule() {}

    /**
     * {@code module} (a binary Chicory has parsed and validated) with every body replaced by a stub but those of
     * {@code keptBodies}, numbered as in the code section (the module's function index less its imported functions).
     */
    static byte[] of(byte[] module, Set<Integer> keptBodies) {
        int[] code = codeSection(module);
        if (code == null) {
            return module;
        }
        byte[] stubbed = code(module, code[1], code[2], keptBodies);
        ByteArrayOutputStream out = new ByteArrayOutputStream(module.length - (code[2] - code[0]) + stubbed.length);
        out.write(module, 0, code[0]);
        out.write(CODE_SECTION);
        Leb.unsigned(out, stubbed.length);
        out.write(stubbed, 0, stubbed.length);
        out.write(module, code[2], module.length - code[2]);
        return out.toByteArray();
    }

    /** The byte sizes of {@code module}'s function bodies, in code-section order (none without a code section). */
    static int[] bodySizes(byte[] module) {
        int[] code = codeSection(module);
        if (code == null) {
            return new int[0];
        }
        int[] end = new int[1];
        int count = (int) Leb.readUnsigned(module, code[1], end);
        int[] sizes = new int[count];
        int p = end[0];
        for (int body = 0; body < count; body++) {
            sizes[body] = (int) Leb.readUnsigned(module, p, end);
            p = end[0] + sizes[body];
        }
        return sizes;
    }

    /** Where the code section is: its id byte, its payload's start and end; null when there is none. */
    private static int[] codeSection(byte[] module) {
        int[] end = new int[1];
        int pos = 8; // past the magic and version
        while (pos < module.length) {
            int id = module[pos] & 0xFF;
            int size = (int) Leb.readUnsigned(module, pos + 1, end);
            int start = end[0];
            if (id == CODE_SECTION) {
                return new int[] {pos, start, start + size};
            }
            pos = start + size;
        }
        return null;
    }

    private static byte[] code(byte[] module, int from, int to, Set<Integer> keptBodies) {
        int[] end = new int[1];
        long count = Leb.readUnsigned(module, from, end);
        int p = end[0];
        ByteArrayOutputStream out = new ByteArrayOutputStream(keptBodies.isEmpty() ? (int) count * 4 + 8 : to - from);
        Leb.unsigned(out, count);
        for (int body = 0; body < count; body++) {
            int size = (int) Leb.readUnsigned(module, p, end);
            int bodyEnd = end[0] + size;
            if (keptBodies.contains(body)) {
                out.write(module, p, bodyEnd - p);
            } else {
                out.write(STUB_BODY, 0, STUB_BODY.length);
            }
            p = bodyEnd;
        }
        if (p != to) {
            throw new IllegalStateException("the code section does not end where its bodies do");
        }
        return out.toByteArray();
    }
}
