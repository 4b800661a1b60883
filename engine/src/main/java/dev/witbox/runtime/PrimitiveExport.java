package dev.witbox.runtime;

import dev.witbox.abi.PrimitiveCall;
import dev.witbox.api.PluginTrapException;

/**
 * One export whose parameters and result are all scalars, as generated typed bindings call it: with Java
 * primitives widened to {@code long}s ({@link PrimitiveCall} says how each type travels), no
 * {@code WitValue}, no boxing and, on an instance or pool of witbox's, no allocation. Made once at bind
 * time by {@link BindContext#primitiveExport}. Only generated code uses this class.
 */
public final class PrimitiveExport {

    private final ExportInvoker invoker;
    /** Null when the export did not fit (binding then fails, and the invoker refuses every call). */
    private final PrimitiveCall call;

    PrimitiveExport(ExportInvoker invoker, PrimitiveCall call) {
        this.invoker = invoker;
        this.call = call;
    }

    /**
     * Calls the export with up to four arguments (those past its parameters are ignored).
     *
     * @return the result, widened to a long; 0 when the function has none
     * @throws IllegalArgumentException when an argument does not fit its parameter's type
     * @throws PluginTrapException when the guest traps
     */
    public long call(long a0, long a1, long a2, long a3) {
        if (call == null) {
            invoker.call();
            return 0;
        }
        return invoker.callPrimitive(call, a0, a1, a2, a3);
    }

    public long call() {
        return call(0, 0, 0, 0);
    }

    public long call(long a0) {
        return call(a0, 0, 0, 0);
    }

    public long call(long a0, long a1) {
        return call(a0, a1, 0, 0);
    }

    public long call(long a0, long a1, long a2) {
        return call(a0, a1, a2, 0);
    }

    @Override
    public String toString() {
        return "PrimitiveExport[" + invoker + "]";
    }
}
