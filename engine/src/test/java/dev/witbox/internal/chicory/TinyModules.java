package dev.witbox.internal.chicory;

import java.io.ByteArrayOutputStream;

/** Core modules written byte by byte, for tests that need a module of a precise shape. */
final class TinyModules {

    private static final int I32 = 0x7f;
    private static final int I32_CONST = 0x41;
    private static final int I32_ADD = 0x6a;
    private static final int CALL = 0x10;
    private static final int DROP = 0x1a;
    private static final int END = 0x0b;
    private static final int GLOBAL_GET = 0x23;
    private static final int GLOBAL_SET = 0x24;

    private TinyModules() {}

    /** A module exporting {@code value: () -> i32} returning {@code value}: one module per value. */
    static byte[] constant(int value) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(I32_CONST);
        signedLeb(body, value);
        body.write(END);
        return module(new String[] {"value"}, body.toByteArray());
    }

    /**
     * A module exporting {@code big: () -> i32}, which adds {@code 1000} to a sum {@code terms} times (one
     * function far over the JVM's 64 KB method limit when {@code terms} is large), and {@code plus-one:
     * () -> i32}, which calls it and adds one (a small, compiled function calling an interpreted one).
     */
    static byte[] oversizedFunction(int terms) {
        byte[] plusOne = {CALL, 0, I32_CONST, 1, I32_ADD, END};
        return module(new String[] {"big", "plus-one"}, bigBody(terms), plusOne);
    }

    /**
     * As {@link #oversizedFunction}, but {@code big} starts with {@code i32.const 5; v128.const 0; drop; i32.const 7;
     * i32.add}: a {@code drop} of a {@code v128}, whose width Chicory's interpreter knows only from the validator.
     * (Chicory's interpreter runs no v128 instruction: the module is for what the validator writes, not to be called.)
     */
    static byte[] oversizedFunctionDroppingAVector(int terms) {
        ByteArrayOutputStream prefix = new ByteArrayOutputStream();
        prefix.write(I32_CONST);
        prefix.write(5);
        prefix.write(0xFD); // v128.const
        prefix.write(0x0C);
        prefix.writeBytes(new byte[16]);
        prefix.write(DROP);
        prefix.write(I32_CONST);
        prefix.write(7);
        prefix.write(I32_ADD);
        byte[] body = bigBody(terms);
        // bigBody starts with i32.const 0: replace it by the prefix (whose value the terms then add to)
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        big.writeBytes(prefix.toByteArray());
        big.write(body, 2, body.length - 2);
        byte[] plusOne = {CALL, 0, I32_CONST, 1, I32_ADD, END};
        return module(new String[] {"big", "plus-one"}, big.toByteArray(), plusOne);
    }

    private static byte[] bigBody(int terms) {
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        big.write(I32_CONST);
        signedLeb(big, 0);
        for (int i = 0; i < terms; i++) {
            big.write(I32_CONST);
            signedLeb(big, 1000);
            big.write(I32_ADD);
        }
        big.write(END);
        return big.toByteArray();
    }

    /**
     * A module exporting {@code sum: () -> i32}, which adds up {@code calls} calls of {@code one: () -> i32} (3 bytes
     * of wasm per call, about twice that in JVM bytecode), {@code one}, and {@code big} as in
     * {@link #oversizedFunction} with {@code terms} terms.
     */
    static byte[] manyCalls(int calls, int terms) {
        ByteArrayOutputStream sum = new ByteArrayOutputStream();
        sum.write(I32_CONST);
        signedLeb(sum, 0);
        for (int i = 0; i < calls; i++) {
            sum.write(CALL);
            sum.write(1);
            sum.write(I32_ADD);
        }
        sum.write(END);
        return module(new String[] {"sum", "one", "big"}, sum.toByteArray(), new byte[] {I32_CONST, 1, END},
                bigBody(terms));
    }

    /**
     * Functions {@code f0, f1, ...} of type {@code () -> i32}, function {@code i} calling (and dropping the result
     * of) each function of {@code calls[i]} in order, then returning 0.
     */
    static byte[] callGraph(int[][] calls) {
        String[] names = new String[calls.length];
        byte[][] bodies = new byte[calls.length][];
        for (int i = 0; i < calls.length; i++) {
            names[i] = "f" + i;
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int callee : calls[i]) {
                body.write(CALL);
                unsignedLeb(body, callee);
                body.write(DROP);
            }
            body.write(I32_CONST);
            signedLeb(body, 0);
            body.write(END);
            bodies[i] = body.toByteArray();
        }
        return module(names, bodies);
    }

    /**
     * A module with one mutable i32 global starting at {@code start}, exporting {@code bump: () -> i32}, which adds
     * one to it and returns it, and {@code value: () -> i32}, which returns it.
     */
    static byte[] counter(int start) {
        ByteArrayOutputStream global = new ByteArrayOutputStream();
        global.writeBytes(new byte[] {1, (byte) I32, 1, I32_CONST}); // one global: i32, mutable, initialised by
        signedLeb(global, start);
        global.write(END);
        byte[] bump = {GLOBAL_GET, 0, I32_CONST, 1, I32_ADD, GLOBAL_SET, 0, GLOBAL_GET, 0, END};
        byte[] value = {GLOBAL_GET, 0, END};
        return module(global.toByteArray(), new String[] {"bump", "value"}, bump, value);
    }

    /** Functions of type {@code () -> i32} without locals, exported in order under {@code names}. */
    private static byte[] module(String[] names, byte[]... bodies) {
        return module(null, names, bodies);
    }

    /** The same with a global section, when {@code globals} is not null. */
    private static byte[] module(byte[] globals, String[] names, byte[]... bodies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        section(out, 1, new byte[] {1, 0x60, 0, 1, (byte) I32});
        ByteArrayOutputStream functions = new ByteArrayOutputStream();
        unsignedLeb(functions, bodies.length);
        for (int i = 0; i < bodies.length; i++) {
            functions.write(0);
        }
        section(out, 3, functions.toByteArray());
        if (globals != null) {
            section(out, 6, globals);
        }
        ByteArrayOutputStream exports = new ByteArrayOutputStream();
        unsignedLeb(exports, names.length);
        for (int i = 0; i < names.length; i++) {
            unsignedLeb(exports, names[i].length());
            exports.writeBytes(names[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            exports.write(0); // function
            unsignedLeb(exports, i);
        }
        section(out, 7, exports.toByteArray());
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        unsignedLeb(code, bodies.length);
        for (byte[] body : bodies) {
            unsignedLeb(code, body.length + 1);
            code.write(0); // no locals
            code.writeBytes(body);
        }
        section(out, 10, code.toByteArray());
        return out.toByteArray();
    }

    private static void section(ByteArrayOutputStream out, int id, byte[] contents) {
        out.write(id);
        unsignedLeb(out, contents.length);
        out.writeBytes(contents);
    }

    private static void unsignedLeb(ByteArrayOutputStream out, int value) {
        do {
            int b = value & 0x7f;
            value >>>= 7;
            out.write(value == 0 ? b : b | 0x80);
        } while (value != 0);
    }

    private static void signedLeb(ByteArrayOutputStream out, int value) {
        while (true) {
            int b = value & 0x7f;
            value >>= 7;
            boolean done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return;
            }
        }
    }
}
