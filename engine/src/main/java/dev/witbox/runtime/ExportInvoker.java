package dev.witbox.runtime;

import dev.witbox.api.PluginTrapException;
import dev.witbox.api.WitboxException;
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
}
