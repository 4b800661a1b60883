package dev.witbox.internal.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.witbox.abi.CoreFunction;
import dev.witbox.api.WitboxException;
import java.util.Objects;

/**
 * A core function: either an export of a core instance, or a function the host implements (a lowered
 * import, a resource built-in). Values use {@link CoreFunction}'s convention, which is Chicory's.
 *
 * <p>Calling an export maps every way the engine reports a trap to {@link CoreTrap}; exceptions the
 * host's own code throws on the way (canonical ABI traps, host errors) pass through unchanged.
 */
public final class CoreFunc implements CoreExtern, CoreFunction {

    /** The instance exporting the function, or null for a host function. */
    final Instance instance;
    final String exportName;
    private final ExportFunction export;
    final CoreFunction host;

    private CoreFunc(Instance instance, String exportName, CoreFunction host) {
        this.instance = instance;
        this.exportName = exportName;
        this.export = instance == null ? null : instance.export(exportName);
        this.host = host;
    }

    static CoreFunc exported(Instance instance, String exportName) {
        return new CoreFunc(instance, exportName, null);
    }

    /** A function the host implements, importable by any core module whose import has a matching type. */
    public static CoreFunc host(CoreFunction function) {
        return new CoreFunc(null, null, Objects.requireNonNull(function, "function"));
    }

    /**
     * Calls the function. The export's call is made here, not in a helper of its own: one frame fewer between
     * a lifted call and the guest's compiled code keeps more of the guest within the JIT's inlining depth (see
     * {@code PrimitiveExport}); the failure mapping runs only when the call failed.
     */
    @Override
    public long[] call(long[] args) {
        if (host != null) {
            return host.call(args);
        }
        try {
            return export.apply(args);
        } catch (RuntimeException | StackOverflowError e) {
            throw guestFailure(e);
        }
    }

    /**
     * What a failure of an export's call becomes: a {@link CoreTrap} for every way the engine reports a trap;
     * exceptions of the host's own code on the way (canonical ABI traps, host errors) stay as they are.
     */
    private static RuntimeException guestFailure(Throwable e) {
        if (e instanceof WitboxException w) {
            return w;
        } else if (e instanceof ChicoryInterruptedException) {
            return new CoreTrap("interrupted: the call ran past its deadline or its thread was interrupted", e);
        } else if (e instanceof TrapException) {
            return new CoreTrap(e.getMessage(), e);
        } else if (e instanceof ChicoryException) {
            // e.g. calling an empty table slot: Chicory reports "uninitialized element" as a plain
            // ChicoryException, but for wasm it is a trap like any other
            return new CoreTrap(e.getMessage(), e);
        } else if (e instanceof StackOverflowError) {
            return new CoreTrap("call stack exhausted (unbounded recursion?)", e);
        } else if (e instanceof ArithmeticException || e instanceof IndexOutOfBoundsException
                || e instanceof NegativeArraySizeException) {
            // defensive: an engine's own bounds checks surfacing as JVM exceptions are still guest traps
            return new CoreTrap(String.valueOf(e.getMessage()), e);
        }
        return (RuntimeException) e; // the callers pass only RuntimeExceptions and StackOverflowErrors
    }

    @Override
    public String toString() {
        return host != null ? "CoreFunc[host " + host + "]" : "CoreFunc[export " + exportName + "]";
    }
}
