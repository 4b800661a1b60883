package dev.witbox.abi;

import dev.witbox.api.value.WitValue;

/** The host's implementation of a component function a guest imports. */
@FunctionalInterface
public interface HostFunction {
    /** Called with one value per parameter; returns the result, or null if the function has none. */
    WitValue call(WitValue[] args);
}
