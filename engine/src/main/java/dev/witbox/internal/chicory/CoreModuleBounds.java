package dev.witbox.internal.chicory;

import dev.witbox.api.WitboxException;

/**
 * Refuses a core module whose declared sizes its bytes cannot hold, before Chicory's parser sees it.
 *
 * <p>Chicory 1.7.5 sizes some of its collections by the counts a module declares, before reading the elements:
 * function type parameters and results, recursion groups and supertypes, element segment initialisers, data
 * segment bytes, and a function's locals (each local declaration is checked against 50,000, but not their sum). A
 * module of a few bytes could so make the host allocate gigabytes, or fail with an {@link OutOfMemoryError}
 * (found by fuzzing: {@code ComponentLoadFuzzTest}'s regression input {@code crash-c1a43746…}, a function type
 * declaring 600 million parameters). Every element of those vectors takes at least one byte, so a count larger
 * than the bytes left in its section is malformed; this walk checks exactly those counts and the sum of each
 * function's locals, and leaves every other judgement to Chicory, which parses next: an encoding the walk does not
 * know ends the walk of that section, not the load.
 */
final class CoreModuleBounds {

    /** Chicory's limit on one function's locals ({@code WasmLimits.MAX_FUNCTION_LOCALS}), here on their sum. */
    static final int MAX_FUNCTION_LOCALS = 50_000;

    private static final int TYPE = 1;
    private static final int ELEMENT = 9;
    private static final int CODE = 10;
    private static final int DATA = 11;

    private CoreModuleBounds() {}

    /**
     * @throws WitboxException naming {@code name}, the section and the count, when a declared size cannot fit
     */
    static void check(String name, byte[] module) {
        try {
            Reader r = new Reader(module, 8, module.length);
            while (r.pos < module.length) {
                int id = r.u8();
                long size = r.u32();
                if (size > module.length - r.pos) {
                    return; // Chicory refuses a section past the end
                }
                int end = r.pos + (int) size;
                Reader section = new Reader(module, r.pos, end);
                try {
                    switch (id) {
                        case TYPE -> types(section);
                        case ELEMENT -> elements(section);
                        case CODE -> code(section);
                        case DATA -> data(section);
                        default -> { }
                    }
                } catch (Unknown e) {
                    // an encoding this walk does not know, or bytes running out: Chicory judges the section
                }
                r.pos = end;
            }
        } catch (Unknown e) {
            // a malformed section header: Chicory says so
        } catch (TooLarge e) {
            throw new WitboxException(name + " is not a valid core module: " + e.getMessage());
        }
    }

    private static void types(Reader r) {
        long groups = r.count("type section entries");
        for (long g = 0; g < groups; g++) {
            if (r.peek() == 0x4E) { // rec
                r.u8();
                long types = r.count("recursion group types");
                for (long t = 0; t < types; t++) {
                    subType(r);
                }
            } else {
                subType(r);
            }
        }
    }

    private static void subType(Reader r) {
        int b = r.peek();
        if (b == 0x50 || b == 0x4F) { // sub, sub final
            r.u8();
            long supertypes = r.count("supertypes");
            for (long s = 0; s < supertypes; s++) {
                r.u32();
            }
        }
        switch (r.u8()) {
            case 0x60 -> { // func
                valTypes(r, "function type parameters");
                valTypes(r, "function type results");
            }
            case 0x5F -> { // struct
                long fields = r.count("struct fields");
                for (long f = 0; f < fields; f++) {
                    storageType(r);
                    r.u8(); // mutability
                }
            }
            case 0x5E -> { // array
                storageType(r);
                r.u8();
            }
            default -> throw new Unknown();
        }
    }

    private static void valTypes(Reader r, String what) {
        long n = r.count(what);
        for (long i = 0; i < n; i++) {
            valType(r);
        }
    }

    private static void storageType(Reader r) {
        int b = r.peek();
        if (b == 0x78 || b == 0x77) { // i8, i16
            r.u8();
        } else {
            valType(r);
        }
    }

    private static void valType(Reader r) {
        int b = r.u8();
        if (b == 0x63 || b == 0x64) { // (ref null ht), (ref ht)
            r.s33();
        }
    }

    private static void elements(Reader r) {
        long segments = r.count("element segments");
        for (long s = 0; s < segments; s++) {
            long flags = r.u32();
            if (flags > 7) {
                throw new Unknown();
            }
            boolean explicitTable = (flags & 2) != 0 && (flags & 1) == 0;
            boolean active = (flags & 1) == 0;
            boolean expressions = (flags & 4) != 0;
            if (explicitTable) {
                r.u32(); // table index
            }
            if (active) {
                constantExpression(r);
            }
            if (flags != 0 && flags != 4) {
                if (expressions) {
                    valType(r); // reftype
                } else {
                    r.u8(); // elemkind
                }
            }
            long items = r.count("element segment initialisers");
            for (long i = 0; i < items; i++) {
                if (expressions) {
                    constantExpression(r);
                } else {
                    r.u32();
                }
            }
        }
    }

    /** Skips a constant expression of the instructions core wasm allows in one (extended-const included). */
    private static void constantExpression(Reader r) {
        while (true) {
            int op = r.u8();
            switch (op) {
                case 0x0B -> {
                    return; // end
                }
                case 0x41, 0x42, 0x23, 0xD2 -> r.s33(); // i32.const, i64.const (any LEB), global.get, ref.func
                case 0x43 -> r.skip(4);
                case 0x44 -> r.skip(8);
                case 0xD0 -> r.s33(); // ref.null ht
                case 0x6A, 0x6B, 0x6C, 0x7C, 0x7D, 0x7E -> { } // i32/i64 add, sub, mul
                default -> throw new Unknown(); // GC constant instructions: Chicory's to judge
            }
        }
    }

    private static void code(Reader r) {
        long bodies = r.count("function bodies");
        for (long f = 0; f < bodies; f++) {
            long size = r.u32();
            if (size > r.end - r.pos) {
                throw new Unknown();
            }
            int bodyEnd = r.pos + (int) size;
            Reader body = new Reader(r.bytes, r.pos, bodyEnd);
            long declarations = body.count("local declarations");
            long locals = 0;
            for (long d = 0; d < declarations; d++) {
                locals += body.u32();
                if (locals > MAX_FUNCTION_LOCALS) {
                    throw new TooLarge("function body " + f + " declares more than " + MAX_FUNCTION_LOCALS
                            + " locals");
                }
                valType(body);
            }
            r.pos = bodyEnd;
        }
    }

    private static void data(Reader r) {
        long segments = r.count("data segments");
        for (long s = 0; s < segments; s++) {
            long flags = r.u32();
            if (flags == 2) {
                r.u32(); // memory index
            }
            if (flags == 0 || flags == 2) {
                constantExpression(r);
            } else if (flags != 1) {
                throw new Unknown();
            }
            long length = r.count("data segment bytes");
            r.skip(length);
        }
    }

    /** Bytes running out, or an encoding the walk does not know: the walk of the section ends. */
    private static final class Unknown extends RuntimeException {
        Unknown() {
            super(null, null, false, false);
        }
    }

    /** A declared count the section cannot hold. */
    private static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    /** A bounded cursor over {@code [pos, end)}. */
    private static final class Reader {
        final byte[] bytes;
        final int end;
        int pos;

        Reader(byte[] bytes, int pos, int end) {
            this.bytes = bytes;
            this.pos = pos;
            this.end = end;
        }

        int peek() {
            if (pos >= end) {
                throw new Unknown();
            }
            return bytes[pos] & 0xFF;
        }

        int u8() {
            int b = peek();
            pos++;
            return b;
        }

        /** A LEB128 number of at most 5 bytes (u32) or 10 (s33 and i64 immediates are only skipped). */
        long u32() {
            return leb(5);
        }

        void s33() {
            leb(10);
        }

        private long leb(int maxBytes) {
            long result = 0;
            for (int i = 0; i < maxBytes; i++) {
                int b = u8();
                if (i < 9) {
                    result |= (long) (b & 0x7F) << (7 * i);
                }
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new Unknown();
        }

        /** A vector's element count, each element taking at least one byte of what is left. */
        long count(String what) {
            int at = pos;
            long n = u32();
            if (n > end - pos) {
                throw new TooLarge("at byte offset " + at + ", " + n + " " + what + " are declared in the "
                        + (end - pos) + " bytes left of their section");
            }
            return n;
        }

        void skip(long n) {
            if (n > end - pos) {
                throw new Unknown();
            }
            pos += (int) n;
        }
    }
}
