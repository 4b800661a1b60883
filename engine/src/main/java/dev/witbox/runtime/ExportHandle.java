package dev.witbox.runtime;

import dev.witbox.abi.JavaFunction;
import dev.witbox.abi.LiftedFunction;
import dev.witbox.abi.PrimitiveCall;
import dev.witbox.api.PluginTrapException;
import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;

/**
 * One export of one {@link PluginInstance}, looked up once: {@link #call} skips the name lookup that
 * {@link PluginInstance#call(String, WitValue...)} does on every call, and is otherwise the same call
 * (serialised with the instance's other calls, refused once it is closed or poisoned, under the
 * engine's timeout). Get one with {@link PluginInstance#function(String)}; it is meant to be held
 * for as long as the instance, e.g. by generated typed bindings.
 */
public final class ExportHandle implements ExportInvoker {

    private final PluginInstance instance;
    private final ExportedFunction export;
    final Item.Func func;
    /** The lifted function when it takes and returns primitives ({@link #callPrimitive}); else null. */
    final LiftedFunction primitive;

    ExportHandle(PluginInstance instance, ExportedFunction export, Item.Func func) {
        this.instance = instance;
        this.export = export;
        this.func = func;
        LiftedFunction lifted = PrimitiveCall.fits(func.type()) ? instance.instantiation().liftedOf(func) : null;
        this.primitive = lifted != null && lifted.takesPrimitives() ? lifted : null;
    }

    /** The instance whose export this is. */
    public PluginInstance instance() {
        return instance;
    }

    /** The export's name and type. */
    public ExportedFunction export() {
        return export;
    }

    /** The export's canonical name. */
    public String name() {
        return export.name();
    }

    /**
     * Calls the export: one argument per parameter.
     *
     * @return the result, or null when the function has none
     * @throws PluginTrapException when the guest traps (or trapped before)
     * @throws WitboxException when the arguments do not fit the export's type, or the instance is closed
     */
    @Override
    public WitValue call(WitValue... args) {
        return (WitValue) instance.invoke(this, null, args);
    }

    /** The same call with the Java values of typed bindings, lowered straight into the guest. */
    @Override
    public Object callJava(JavaFunction function, Object... args) {
        return instance.invoke(this, function, args);
    }

    /** The same call with the Java primitives of typed bindings: no boxing, no allocation. */
    @Override
    public long callPrimitive(PrimitiveCall call, long a0, long a1, long a2, long a3) {
        if (primitive == null) {
            return ExportInvoker.super.callPrimitive(call, a0, a1, a2, a3);
        }
        return instance.invokePrimitive(this, primitive, a0, a1, a2, a3);
    }

    @Override
    public String toString() {
        return "ExportHandle[" + export.name() + " of " + instance.plugin().id() + "]";
    }
}
