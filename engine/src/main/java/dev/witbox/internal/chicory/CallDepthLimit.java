package dev.witbox.internal.chicory;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Bounds how deep a core module's calls may nest, by rewriting its binary before Chicory compiles it.
 *
 * <p>Chicory 1.7.5 has no depth limit: both its interpreter and its compiled code run every wasm call on the
 * Java stack, so a recursing guest ends in a {@code StackOverflowError}, which may strike inside host code the
 * guest called (a class initialiser, a lock) and leave the JVM damaged. The rewrite adds one mutable i32
 * global (the depth) and wraps each {@code call}, {@code call_indirect} and {@code call_ref} that
 * {@link CountedCalls} says may nest without bound: increment, trap with {@code unreachable} if past the limit,
 * call, decrement. Calls into a closed, bounded call tree (memcpy, malloc) are left as they are: they cost a
 * short export most of the counter's price and add at most {@link CountedCalls#MAX_UNCOUNTED_HEIGHT} frames. The
 * trap is recognised afterwards because the depth global is then above the limit ({@link #exceeded}), which no
 * other trap leaves behind.
 *
 * <p>What it does not count: tail calls ({@code return_call*}, which Chicory also runs on the Java stack; the
 * {@code StackOverflowError} mapping remains the backstop), and frames a wasm exception unwinds past a call
 * (the count then stays high until the instance is reset; C, Rust and JS guests built today use neither).
 */
final class CallDepthLimit {

    private final int limit;
    private final int globalIndex;

    private CallDepthLimit(int limit, int globalIndex) {
        this.limit = limit;
        this.globalIndex = globalIndex;
    }

    /** The limit of a module rewritten earlier (its compiled code stored), whose depth global is {@code globalIndex}. */
    static CallDepthLimit of(int limit, int globalIndex) {
        return new CallDepthLimit(limit, globalIndex);
    }

    int limit() {
        return limit;
    }

    int globalIndex() {
        return globalIndex;
    }

    /** Whether {@code instance} trapped because a call went past the limit. */
    boolean exceeded(com.dylibso.chicory.runtime.Instance instance) {
        return (int) instance.global(globalIndex).getValueLow() > limit;
    }

    /** The rewritten binary and the limit that applies to it. */
    record Instrumented(byte[] bytes, CallDepthLimit limit) {}

    /**
     * Rewrites {@code bytes} (already parsed as {@code parsed}) so that calls nest at most {@code limit} deep, or
     * returns null when the module makes no call the limit counts (its calls, if any, all enter closed call trees
     * and nest a bounded depth below their caller): such a module is left as it is.
     *
     * @throws IllegalStateException when the binary does not match its parse (a bug, not bad input)
     */
    static Instrumented instrument(byte[] bytes, WasmModule parsed, int limit) {
        List<Integer> calls = CountedCalls.counted(parsed);
        if (calls.isEmpty()) {
            return null;
        }
        int globalIndex = parsed.importSection().count(ExternalType.GLOBAL) + parsed.globalSection().globalCount();
        byte[] before = before(globalIndex, limit);
        byte[] after = after(globalIndex);
        Rewriter w = new Rewriter(bytes, calls, before, after);
        return new Instrumented(w.module(), new CallDepthLimit(limit, globalIndex));
    }

    private static byte[] before(int global, int limit) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x23); // global.get
        Leb.unsigned(b, global);
        b.write(0x41); // i32.const 1
        b.write(0x01);
        b.write(0x6A); // i32.add
        b.write(0x24); // global.set
        Leb.unsigned(b, global);
        b.write(0x23);
        Leb.unsigned(b, global);
        b.write(0x41); // i32.const limit
        Leb.signed(b, limit);
        b.write(0x4B); // i32.gt_u
        b.write(0x04); // if (no result)
        b.write(0x40);
        b.write(0x00); // unreachable
        b.write(0x0B); // end
        return b.toByteArray();
    }

    private static byte[] after(int global) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x23);
        Leb.unsigned(b, global);
        b.write(0x41);
        b.write(0x01);
        b.write(0x6B); // i32.sub
        b.write(0x24);
        Leb.unsigned(b, global);
        return b.toByteArray();
    }

    /** Copies a module section by section, adding the depth global and wrapping the calls of the code section. */
    private static final class Rewriter {
        private static final int GLOBAL = 6;
        private static final int CODE = 10;
        /** Where each known section id goes in the order the binary format prescribes (tag is 13). */
        private static final int[] RANK = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6};

        private final byte[] in;
        private final List<Integer> calls;
        private final byte[] before;
        private final byte[] after;
        private int pos;

        Rewriter(byte[] in, List<Integer> calls, byte[] before, byte[] after) {
            this.in = in;
            this.calls = calls;
            this.before = before;
            this.after = after;
        }

        byte[] module() {
            ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + calls.size() * (before.length + after.length) + 16);
            out.write(in, 0, 8);
            pos = 8;
            boolean globalWritten = false;
            while (pos < in.length) {
                int id = in[pos++] & 0xFF;
                int size = readU32();
                int start = pos;
                pos += size;
                if (!globalWritten && id != 0 && id < RANK.length && RANK[id] > RANK[GLOBAL]) {
                    section(out, GLOBAL, globals(new byte[] {0}, 0, 1)); // a module without globals
                    globalWritten = true;
                }
                if (id == GLOBAL) {
                    section(out, GLOBAL, globals(in, start, start + size));
                    globalWritten = true;
                } else if (id == CODE) {
                    section(out, CODE, code(start, start + size));
                } else {
                    out.write(id);
                    Leb.unsigned(out, size);
                    out.write(in, start, size);
                }
            }
            if (!globalWritten) {
                section(out, GLOBAL, globals(new byte[] {0}, 0, 1));
            }
            return out.toByteArray();
        }

        /** The global section's payload {@code [from, to)} with one more global: {@code (mut i32) = 0}. */
        private byte[] globals(byte[] source, int from, int to) {
            int[] countEnd = new int[1];
            long count = Leb.readUnsigned(source, from, countEnd);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            Leb.unsigned(b, count + 1);
            b.write(source, countEnd[0], to - countEnd[0]);
            b.write(new byte[] {0x7F, 0x01, 0x41, 0x00, 0x0B}, 0, 5);
            return b.toByteArray();
        }

        private byte[] code(int from, int to) {
            int[] end = new int[1];
            long count = Leb.readUnsigned(in, from, end);
            int p = end[0];
            int next = 0;
            ByteArrayOutputStream b = new ByteArrayOutputStream(to - from + 64);
            Leb.unsigned(b, count);
            for (long f = 0; f < count; f++) {
                long bodySize = Leb.readUnsigned(in, p, end);
                int bodyStart = end[0];
                int bodyEnd = (int) (bodyStart + bodySize);
                ByteArrayOutputStream body = new ByteArrayOutputStream((int) bodySize + 32);
                int copied = bodyStart;
                while (next < calls.size() && calls.get(next) < bodyEnd) {
                    int at = calls.get(next++);
                    if (at < bodyStart) {
                        throw new IllegalStateException("a call at offset " + at + " outside every function body");
                    }
                    int callEnd = callEnd(at);
                    body.write(in, copied, at - copied);
                    body.write(before, 0, before.length);
                    body.write(in, at, callEnd - at);
                    body.write(after, 0, after.length);
                    copied = callEnd;
                }
                body.write(in, copied, bodyEnd - copied);
                Leb.unsigned(b, body.size());
                b.write(body.toByteArray(), 0, body.size());
                p = bodyEnd;
            }
            if (p != to || next != calls.size()) {
                throw new IllegalStateException("code section does not match its parse");
            }
            return b.toByteArray();
        }

        /** The offset just past the call instruction at {@code at}: its immediates are one or two u32s. */
        private int callEnd(int at) {
            int op = in[at] & 0xFF;
            int[] end = new int[1];
            Leb.readUnsigned(in, at + 1, end);
            return switch (op) {
                case 0x10, 0x14 -> end[0]; // call f, call_ref t
                case 0x11 -> { // call_indirect t table
                    Leb.readUnsigned(in, end[0], end);
                    yield end[0];
                }
                default -> throw new IllegalStateException("no call at offset " + at + " (0x"
                        + Integer.toHexString(op) + ")");
            };
        }

        private static void section(ByteArrayOutputStream out, int id, byte[] payload) {
            out.write(id);
            Leb.unsigned(out, payload.length);
            out.write(payload, 0, payload.length);
        }

        private int readU32() {
            int[] end = new int[1];
            long v = Leb.readUnsigned(in, pos, end);
            pos = end[0];
            return (int) v;
        }
    }
}
