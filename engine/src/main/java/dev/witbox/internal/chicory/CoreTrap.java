package dev.witbox.internal.chicory;

import dev.witbox.api.WitboxException;

/**
 * A trap of core WebAssembly code, whatever the engine called it: {@code unreachable}, an out-of-bounds
 * access, integer division by zero, an uninitialized table element, an exhausted call stack, or an
 * interrupt (deadline). The instance that trapped must not be used again.
 */
public final class CoreTrap extends WitboxException {

    public CoreTrap(String message, Throwable cause) {
        super(message, cause);
    }
}
