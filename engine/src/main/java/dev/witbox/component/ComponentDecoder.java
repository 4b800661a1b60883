package dev.witbox.component;

import java.nio.ByteBuffer;

/**
 * Entry point: decodes and validates a {@code .wasm} binary.
 *
 * <p>{@link #strict()} (what the runtime uses) rejects components that use features witbox cannot run
 * yet; {@link #permissive()} (for inspection tools) returns them with
 * {@link Component#unsupportedFeatures()} filled in. Both throw only {@link ComponentDecodeException}.
 */
public final class ComponentDecoder {

    private static final ComponentDecoder STRICT = new ComponentDecoder(true);
    private static final ComponentDecoder PERMISSIVE = new ComponentDecoder(false);

    private final boolean rejectUnsupported;

    private ComponentDecoder(boolean rejectUnsupported) {
        this.rejectUnsupported = rejectUnsupported;
    }

    public static ComponentDecoder strict() {
        return STRICT;
    }

    public static ComponentDecoder permissive() {
        return PERMISSIVE;
    }

    /** Decodes a component or recognises a core module. */
    public WasmBinary decode(byte[] bytes) {
        if (bytes == null) {
            throw new ComponentDecodeException("input", 0, "no bytes given");
        }
        WasmBinary result;
        try {
            result = new ComponentParser(bytes).decodeTop();
        } catch (StackOverflowError e) {
            // Defence in depth: the nesting limit keeps recursion shallow, but should a host run the decoder on
            // a tiny thread stack, this still ends as a decode failure rather than an Error.
            throw new ComponentDecodeException("input", 0, "nesting too deep for the current thread stack");
        }
        if (rejectUnsupported && result instanceof Component c && !c.unsupportedFeatures().isEmpty()) {
            UnsupportedFeature f = c.unsupportedFeatures().get(0);
            throw new ComponentDecodeException(f.section(), f.offset(), "unsupported feature: " + f.feature());
        }
        return result;
    }

    /** Decodes the remaining bytes of {@code buffer} without changing its position. */
    public WasmBinary decode(ByteBuffer buffer) {
        if (buffer == null) {
            throw new ComponentDecodeException("input", 0, "no bytes given");
        }
        ByteBuffer b = buffer.duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return decode(bytes);
    }

    /** Decodes a binary that must be a component; a core module is rejected with a clear message. */
    public Component decodeComponent(byte[] bytes) {
        WasmBinary b = decode(bytes);
        if (b instanceof Component c) {
            return c;
        }
        throw new ComponentDecodeException("preamble", 4,
                "this is a core module (layer 0), not a component (layer 1); wrap it with a component toolchain");
    }

    public Component decodeComponent(ByteBuffer buffer) {
        WasmBinary b = decode(buffer);
        if (b instanceof Component c) {
            return c;
        }
        throw new ComponentDecodeException("preamble", 4,
                "this is a core module (layer 0), not a component (layer 1); wrap it with a component toolchain");
    }
}
