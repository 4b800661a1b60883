package dev.witbox.runtime;

import dev.witbox.api.PluginTrapException;
import dev.witbox.api.WitboxException;
import dev.witbox.abi.JavaFunction;
import dev.witbox.abi.PrimitiveCall;
import dev.witbox.api.value.WitValue;

/**
 * Calls one export of a plugin with {@link WitValue}s: what generated typed bindings call. An
 * {@link ExportHandle} is one (an export of one instance); a pool can supply others (acquire an
 * instance, call, release) through {@link Bindings#bind(Class, Plugin, java.util.function.Function)}.
 */
@FunctionalInterface
public interface ExportInvoker {

    /**
     * Calls the export: one argument per parameter.
     *
     * @return the result, or null when the function has none
     * @throws PluginTrapException when the guest traps
     * @throws WitboxException when the arguments do not fit the export's type
     */
    WitValue call(WitValue... args);

    /**
     * Calls the export with the Java values of typed bindings, planned once by {@code function} from
     * the export's type. The invokers witbox makes ({@link ExportHandle}, {@link PooledFunction}) lower
     * them straight into the guest; this default converts them to and from {@code WitValue}s around
     * {@link #call}, so an invoker written as a lambda works too.
     *
     * @return the result as a Java value, or null when the function has none
     * @throws IllegalArgumentException when an argument does not fit its parameter's type
     */
    default Object callJava(JavaFunction function, Object... args) {
        return function.fromWitValue(call(function.toWitValues(args)));
    }

    /**
     * Calls an export of scalars with the Java primitives of typed bindings, widened to longs as
     * {@link PrimitiveCall} describes (arguments past the function's parameters are ignored), and returns
     * the result the same way (0 when there is none). The invokers witbox makes pass them to the guest with
     * no boxing; this default boxes them around {@link #callJava}.
     *
     * @throws IllegalArgumentException when an argument does not fit its parameter's type
     */
    default long callPrimitive(PrimitiveCall call, long a0, long a1, long a2, long a3) {
        return call.unbox(callJava(call.boxed(), call.box(a0, a1, a2, a3)));
    }
}
