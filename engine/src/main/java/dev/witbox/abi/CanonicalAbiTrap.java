package dev.witbox.abi;

import dev.witbox.api.WitboxException;

/**
 * A trap raised by the canonical ABI: the guest broke a rule of the component model (a pointer
 * out of bounds or misaligned, malformed string, bad discriminant, invalid handle...).
 *
 * <p>It is the only exception type the ABI raises for a guest's fault, and its message says what
 * went wrong and where, so that the runtime can wrap it with the plugin's and function's names.
 * After a trap the instance must not be used again, as in the component model.
 */
public final class CanonicalAbiTrap extends WitboxException {

    public CanonicalAbiTrap(String message) {
        super(message);
    }

    /** A trap caused by {@code cause}, e.g. a host function that threw while the guest called it. */
    public CanonicalAbiTrap(String message, Throwable cause) {
        super(message, cause);
    }

    static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }
}
