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
    /**
     * The invoker when it is an instance's own export that takes primitives (an interface bound to an instance),
     * else null: then each call goes straight to {@link PluginInstance#invokePrimitive}. Every frame between the
     * caller and the guest's compiled code counts against the JIT's inlining depth (15 levels in JDK 17, of which
     * Chicory's call into a compiled function takes about six and the guest's own calls the rest): with two
     * frames more (the four-argument overload and {@link ExportHandle#callPrimitive}) the guest's nested calls and
     * global accesses (the call-depth counter) fell past the limit and ran as real calls, which made the typed
     * {@code add} slower than the dynamic one (68.8 against 28.5 ns on the quiet machine).
     */
    private final ExportHandle direct;

    PrimitiveExport(ExportInvoker invoker, PrimitiveCall call) {
        this.invoker = invoker;
        this.call = call;
        this.direct = call != null && invoker instanceof ExportHandle h && h.primitive != null ? h : null;
    }

    /**
     * Calls the export with up to four arguments (those past its parameters are ignored).
     *
     * @return the result, widened to a long; 0 when the function has none
     * @throws IllegalArgumentException when an argument does not fit its parameter's type
     * @throws PluginTrapException when the guest traps
     */
    public long call(long a0, long a1, long a2, long a3) {
        ExportHandle h = direct;
        if (h != null) {
            return h.instance().invokePrimitive(h, h.primitive, a0, a1, a2, a3);
        }
        if (call == null) {
            invoker.call();
            return 0;
        }
        return invoker.callPrimitive(call, a0, a1, a2, a3);
    }

    // each arity repeats the direct call rather than delegating to the four-argument one: a frame fewer

    public long call() {
        ExportHandle h = direct;
        return h != null ? h.instance().invokePrimitive(h, h.primitive, 0, 0, 0, 0) : call(0, 0, 0, 0);
    }

    public long call(long a0) {
        ExportHandle h = direct;
        return h != null ? h.instance().invokePrimitive(h, h.primitive, a0, 0, 0, 0) : call(a0, 0, 0, 0);
    }

    public long call(long a0, long a1) {
        ExportHandle h = direct;
        return h != null ? h.instance().invokePrimitive(h, h.primitive, a0, a1, 0, 0) : call(a0, a1, 0, 0);
    }

    public long call(long a0, long a1, long a2) {
        ExportHandle h = direct;
        return h != null ? h.instance().invokePrimitive(h, h.primitive, a0, a1, a2, 0) : call(a0, a1, a2, 0);
    }

    @Override
    public String toString() {
        return "PrimitiveExport[" + invoker + "]";
    }
}
