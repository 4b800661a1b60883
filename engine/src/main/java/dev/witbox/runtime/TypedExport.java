package dev.witbox.runtime;

import dev.witbox.abi.JavaFunction;
import dev.witbox.api.PluginTrapException;

/**
 * One export as generated typed bindings call it: its {@link ExportInvoker} and the plan of its Java
 * values, both made once at bind time by {@link BindContext#export(String, String, String, String,
 * dev.witbox.abi.JavaShape, dev.witbox.abi.JavaShape...)}. Only generated code uses this class.
 */
public final class TypedExport {

    private final ExportInvoker invoker;
    /** Null when the export did not fit (binding then fails, and the invoker refuses every call). */
    private final JavaFunction function;

    TypedExport(ExportInvoker invoker, JavaFunction function) {
        this.invoker = invoker;
        this.function = function;
    }

    /**
     * Calls the export with the Java arguments, one per parameter.
     *
     * @return the result as a Java value, or null when the function has none
     * @throws IllegalArgumentException when an argument does not fit its parameter's type
     * @throws PluginTrapException when the guest traps
     */
    public Object call(Object... args) {
        return function == null ? invoker.call() : invoker.callJava(function, args);
    }

    @Override
    public String toString() {
        return "TypedExport[" + invoker + "]";
    }
}
