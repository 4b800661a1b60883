package dev.witbox.component;

import dev.witbox.api.WitboxException;

/**
 * The only exception the component decoder throws: the binary is malformed, violates a validation
 * rule that execution relies on, or uses a feature witbox does not support yet.
 *
 * <p>The message always names where the problem is (section and byte offset, in hex and decimal)
 * so that a user staring at a hex dump or at {@code wasm-tools print} output can find it.
 */
public final class ComponentDecodeException extends WitboxException {

    private final String section;
    private final long offset;
    private final String problem;

    ComponentDecodeException(String section, long offset, String problem) {
        super(format(section, offset, problem));
        this.section = section;
        this.offset = offset;
        this.problem = problem;
    }

    static String format(String section, long offset, String problem) {
        return section + " at offset 0x" + Long.toHexString(offset) + " (" + offset + "): " + problem;
    }

    /** Human-readable name of the section (or preamble) being decoded, e.g. "component type section". */
    public String section() {
        return section;
    }

    /** Absolute byte offset in the decoded input where the problem was detected. */
    public long offset() {
        return offset;
    }

    /** The problem alone, without section and offset. */
    public String problem() {
        return problem;
    }
}
