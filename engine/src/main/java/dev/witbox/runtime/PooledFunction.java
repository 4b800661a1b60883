package dev.witbox.runtime;

import dev.witbox.abi.JavaFunction;
import dev.witbox.abi.PrimitiveCall;
import dev.witbox.api.PluginBusyException;
import dev.witbox.api.PluginTrapException;
import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;

/**
 * One export of a pooled plugin, looked up once: each {@link #call} borrows an instance from the pool,
 * calls the export and gives the instance back. Thread-safe; get one with {@link PluginPool#function}.
 */
public final class PooledFunction implements ExportInvoker {

    private final PluginPool pool;
    private final ExportedFunction export;
    private final int index;

    PooledFunction(PluginPool pool, ExportedFunction export, int index) {
        this.pool = pool;
        this.export = export;
        this.index = index;
    }

    /** The export's name and type. */
    public ExportedFunction export() {
        return export;
    }

    /**
     * Calls the export on an instance of the pool.
     *
     * @return the result, or null when the function has none
     * @throws PluginBusyException when no instance became free within the acquire timeout
     * @throws PluginTrapException when the guest trapped or ran past its deadline
     * @throws WitboxException when the arguments do not fit the export's type
     */
    @Override
    public WitValue call(WitValue... args) {
        PoolEntry entry = pool.lend();
        try {
            return entry.instance().handle(index).call(args);
        } finally {
            pool.release(entry);
        }
    }

    /** The same call with the Java values of typed bindings, lowered straight into the guest. */
    @Override
    public Object callJava(JavaFunction function, Object... args) {
        PoolEntry entry = pool.lend();
        try {
            return entry.instance().handle(index).callJava(function, args);
        } finally {
            pool.release(entry);
        }
    }

    /** The same call with the Java primitives of typed bindings. */
    @Override
    public long callPrimitive(PrimitiveCall call, long a0, long a1, long a2, long a3) {
        PoolEntry entry = pool.lend();
        try {
            ExportHandle h = entry.instance().handle(index);
            // straight to the instance when the export takes primitives: a frame fewer (see PrimitiveExport.direct)
            return h.primitive != null ? h.instance().invokePrimitive(h, h.primitive, a0, a1, a2, a3)
                    : h.callPrimitive(call, a0, a1, a2, a3);
        } finally {
            pool.release(entry);
        }
    }

    @Override
    public String toString() {
        return "PooledFunction[" + export.name() + " of " + pool.plugin().id() + "]";
    }
}
