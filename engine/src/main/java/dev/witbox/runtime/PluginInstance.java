package dev.witbox.runtime;

import dev.witbox.abi.CanonicalAbiTrap;
import dev.witbox.abi.JavaArgumentException;
import dev.witbox.abi.JavaFunction;
import dev.witbox.abi.LiftedFunction;
import dev.witbox.abi.ResourceRef;
import dev.witbox.api.PluginTimeoutException;
import dev.witbox.api.PluginTrapException;
import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import dev.witbox.internal.chicory.CoreTrap;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One instance of a plugin: its own memories, tables, globals and resource handles. Use it from one thread
 * at a time, as a JDBC connection: a call takes no lock (it would cost more than a whole call of a small
 * function), so calls from several threads at once must be ordered by the caller. A {@link PluginPool} lends
 * each instance to one caller at a time and hands it over safely. A call that finds another running on the
 * instance (a host function calling back in, or another thread caught at it) is refused as a trap.
 *
 * <p>A trap poisons the instance: the call throws {@link PluginTrapException} and every later call or drop
 * is refused with one, since the guest's state may be half-updated. Other instances are unaffected.
 */
public final class PluginInstance implements AutoCloseable {

    private final Plugin plugin;
    private final Instantiation instantiation;
    /** The engine's call timeout, or null; read once so an untimed call does not look it up. */
    private final Duration timeout;
    private final CallDeadlines deadlines;
    /** The handles {@link #function} gave out, by export position: one per export and instance. */
    private final ExportHandle[] handles;
    /** Told of every call's outcome when the instance belongs to a pool; null otherwise. */
    private final CallObserver observer;
    // volatile, not guarded: written under the instance's monitor (a call, close), read without it by a
    // pool giving the instance back, which would otherwise take the monitor three more times per lease
    private volatile String poisonedBy;
    private volatile boolean timedOut;
    private volatile boolean closed;

    PluginInstance(Plugin plugin, Instantiation instantiation) {
        this(plugin, instantiation, plugin.engine().callTimeout(), null);
    }

    /** A pooled instance: its calls have their own {@code timeout} (null: none) and are observed. */
    PluginInstance(Plugin plugin, Instantiation instantiation, Duration timeout, CallObserver observer) {
        this.plugin = plugin;
        this.instantiation = instantiation;
        this.timeout = timeout;
        this.deadlines = timeout == null ? null : CallDeadlines.shared();
        this.handles = new ExportHandle[plugin.exports().size()];
        this.observer = observer;
    }

    /** What a pool learns of each call of its instances. */
    interface CallObserver {
        /** Whether {@link #completed} and {@link #trapped} want the call's duration (else they get 0). */
        boolean timed();

        void completed(String export, long nanos);

        void trapped(String export, long nanos, PluginTrapException trap);
    }

    Instantiation instantiation() {
        return instantiation;
    }

    public Plugin plugin() {
        return plugin;
    }

    /**
     * Calls an export by its canonical name ({@link ExportedFunction#name()}). A caller that calls the
     * same export repeatedly can look it up once with {@link #function(String)} instead.
     *
     * @return the result, or null when the function has none
     * @throws PluginTrapException when the guest traps (or trapped before)
     * @throws WitboxException when there is no such export or the arguments do not fit its type
     */
    public WitValue call(String exportName, WitValue... args) {
        return function(exportName).call(args);
    }

    /**
     * The export called {@code exportName} ({@link ExportedFunction#name()}), for calling it without
     * looking it up by name each time. Always the same handle for the same name.
     *
     * @throws WitboxException when there is no such export
     */
    public ExportHandle function(String exportName) {
        int index = plugin.exportIndex(exportName);
        if (index < 0) {
            throw plugin.noSuchExport(exportName);
        }
        return handle(index);
    }

    /** The handle of the export at {@code index} of {@link Plugin#exports()}. */
    ExportHandle handle(int index) {
        ExportHandle h = handles[index];
        if (h == null) {
            h = makeHandle(index);
        }
        return h;
    }

    /**
     * An implementation of {@code type}, a Java interface witbox-bindgen generated for an interface (or
     * the world's functions) the plugin exports, whose calls go to this instance. Each export is looked up
     * and its type checked once, here; resource handles it returns belong to this instance.
     *
     * @throws dev.witbox.api.PluginLinkException when the plugin's exports do not match the interface
     *                                            (every mismatch is listed with both signatures)
     */
    public <T> T bind(Class<T> type) {
        return Bindings.bind(type, this);
    }

    private synchronized ExportHandle makeHandle(int index) {
        ExportHandle h = handles[index];
        if (h == null) {
            h = new ExportHandle(this, plugin.exports().get(index), plugin.exportFunc(index));
            handles[index] = h;
        }
        return h;
    }

    /**
     * One call of an export: with {@code WitValue}s when {@code typed} is null, else with the Java values
     * {@code typed} plans. Written out rather than through {@link #guarded} because it is the hot
     * path: no lambda per call, no lock (the instance is confined to one thread at a time, see the class
     * comment), and the deadline machinery is only touched when a timeout is set.
     */
    Object invoke(ExportHandle export, JavaFunction typed, Object[] args) {
        if (closed || poisonedBy != null) {
            throw refused(export.name());
        }
        if (deadlines != null) {
            return observed(export, () -> guarded(export.name(), () -> call(export, typed, args)));
        }
        long start = observer != null && observer.timed() ? System.nanoTime() : 0;
        Object result;
        try {
            result = call(export, typed, args);
        } catch (RuntimeException | StackOverflowError e) {
            throw failed(export.name(), e, start);
        }
        if (observer != null) {
            observer.completed(export.name(), start == 0 ? 0 : System.nanoTime() - start);
        }
        return result;
    }

    /**
     * A call of a function of primitives ({@link LiftedFunction#callPrimitive}): the same steps as
     * {@link #invoke}, with nothing allocated and nothing boxed unless a timeout is set.
     */
    long invokePrimitive(ExportHandle export, LiftedFunction function, long a0, long a1, long a2, long a3) {
        if (closed || poisonedBy != null) {
            throw refused(export.name());
        }
        if (deadlines != null) {
            return (Long) observed(export, () -> guarded(export.name(), () -> function.callPrimitive(a0, a1, a2, a3)));
        }
        long start = observer != null && observer.timed() ? System.nanoTime() : 0;
        long result;
        try {
            result = function.callPrimitive(a0, a1, a2, a3);
        } catch (RuntimeException | StackOverflowError e) {
            throw failed(export.name(), e, start);
        }
        if (observer != null) {
            observer.completed(export.name(), start == 0 ? 0 : System.nanoTime() - start);
        }
        return result;
    }

    /** A call under the instance's deadline, telling the observer (when there is one) how it ended. */
    private Object observed(ExportHandle export, Supplier<Object> call) {
        long start = observer != null && observer.timed() ? System.nanoTime() : 0;
        try {
            Object result = call.get();
            if (observer != null) {
                observer.completed(export.name(), start == 0 ? 0 : System.nanoTime() - start);
            }
            return result;
        } catch (PluginTrapException e) {
            if (observer != null) {
                observer.trapped(export.name(), start == 0 ? 0 : System.nanoTime() - start, e);
            }
            throw e;
        }
    }

    /** {@link #failed(String, Throwable)}, told to the observer when it is a trap. */
    private RuntimeException failed(String name, Throwable e, long start) {
        RuntimeException thrown = failed(name, e);
        if (observer != null && thrown instanceof PluginTrapException trap) {
            observer.trapped(name, start == 0 ? 0 : System.nanoTime() - start, trap);
        }
        return thrown;
    }

    /**
     * What a call that failed with {@code e} throws: an argument refused before the export ran leaves the
     * instance usable; a trap, an exhausted stack or the host's own mistake (e.g. a value that does not fit
     * the type, after the guest may have run part of the call already) poison it.
     */
    private RuntimeException failed(String name, Throwable e) {
        if (e instanceof JavaArgumentException a) {
            return a;
        }
        poisonedBy = name;
        if (e instanceof CanonicalAbiTrap || e instanceof CoreTrap) {
            return new PluginTrapException(plugin.id(), name, trapCause((RuntimeException) e), e);
        }
        if (e instanceof StackOverflowError) {
            return new PluginTrapException(plugin.id(), name, "call stack exhausted", e);
        }
        return (RuntimeException) e;
    }

    private Object call(ExportHandle export, JavaFunction typed, Object[] args) {
        return typed == null ? instantiation.call(export.func, (WitValue[]) args)
                : instantiation.callJava(export.func, typed, args);
    }

    /**
     * Drops an owned resource handle this instance gave out, running the resource's destructor in the
     * guest. Dropping a handle twice traps, as in the component model.
     */
    public synchronized void drop(WitValue.Handle handle) {
        if (!(handle.handle() instanceof ResourceRef ref)) {
            throw new WitboxException("cannot drop " + handle + ": not a handle a plugin gave out");
        }
        guarded("[resource-drop]" + ref.resourceName(), () -> {
            ref.drop();
            return null;
        });
    }

    /** Whether an earlier trap made this instance unusable. */
    public boolean isPoisoned() {
        return poisonedBy != null;
    }

    /** Whether the trap that poisoned the instance was a call running past its deadline. */
    boolean timedOut() {
        return timedOut;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            // the Java objects the guest still holds as handles of imported resources are the host's to close
            instantiation.closeHostObjects();
        }
    }

    /** What a trap's message says, or that the guest's calls went past the call-depth limit. */
    private String trapCause(RuntimeException trap) {
        int depth = trap instanceof CoreTrap ? instantiation.exceededCallDepth() : 0;
        return depth > 0 ? "call depth exceeded the limit of " + depth + " nested calls (unbounded recursion?)"
                : trap.getMessage();
    }

    /** The exception for a call on a closed or poisoned instance. */
    private RuntimeException refused(String name) {
        if (closed) {
            return new WitboxException("instance of plugin '" + plugin.id() + "' is closed");
        }
        return new PluginTrapException(plugin.id(), name, "the instance trapped earlier (in '" + poisonedBy
                + "') and may not be used again", null);
    }

    private <T> T guarded(String name, Supplier<T> body) {
        if (closed || poisonedBy != null) {
            throw refused(name);
        }
        CallDeadlines.Armed deadline = deadlines == null ? null : deadlines.arm(timeout);
        try {
            return body.get();
        } catch (CanonicalAbiTrap | CoreTrap e) {
            if (deadline != null && deadline.fired()) {
                poisonedBy = name;
                timedOut = true;
                throw new PluginTimeoutException(plugin.id(), name, timeout, e);
            }
            throw failed(name, e);
        } catch (RuntimeException | StackOverflowError e) {
            throw failed(name, e);
        } finally {
            if (deadline != null) {
                deadline.close();
            }
        }
    }
}
