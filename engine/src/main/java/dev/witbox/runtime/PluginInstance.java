package dev.witbox.runtime;

import dev.witbox.abi.CanonicalAbiTrap;
import dev.witbox.abi.JavaArgumentException;
import dev.witbox.abi.JavaFunction;
import dev.witbox.abi.ResourceRef;
import dev.witbox.api.PluginTimeoutException;
import dev.witbox.api.PluginTrapException;
import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import dev.witbox.internal.chicory.CoreTrap;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One instance of a plugin: its own memories, tables, globals and resource handles. Meant for one thread
 * at a time (calls are serialised).
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
     * path: no lambda per call, and the deadline machinery is only touched when a timeout is set.
     */
    synchronized Object invoke(ExportHandle export, JavaFunction typed, Object[] args) {
        if (closed || poisonedBy != null) {
            throw refused(export.name());
        }
        if (observer != null) {
            return invokeObserved(export, typed, args);
        }
        return run(export, typed, args);
    }

    private Object invokeObserved(ExportHandle export, JavaFunction typed, Object[] args) {
        long start = System.nanoTime();
        try {
            Object result = run(export, typed, args);
            observer.completed(export.name(), System.nanoTime() - start);
            return result;
        } catch (PluginTrapException e) {
            observer.trapped(export.name(), System.nanoTime() - start, e);
            throw e;
        }
    }

    private Object run(ExportHandle export, JavaFunction typed, Object[] args) {
        if (deadlines != null) {
            return guarded(export.name(), () -> call(export, typed, args));
        }
        try {
            return call(export, typed, args);
        } catch (JavaArgumentException e) {
            throw e; // refused before the export ran: the instance stays usable
        } catch (CanonicalAbiTrap | CoreTrap e) {
            poisonedBy = export.name();
            throw new PluginTrapException(plugin.id(), export.name(), trapCause(e), e);
        } catch (StackOverflowError e) {
            poisonedBy = export.name();
            throw new PluginTrapException(plugin.id(), export.name(), "call stack exhausted", e);
        } catch (RuntimeException e) {
            // the host's mistake (e.g. a value that does not fit the type); the guest may have run
            // part of the call already (realloc), so it is not trusted again either
            poisonedBy = export.name();
            throw e;
        }
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
        } catch (JavaArgumentException e) {
            throw e; // refused before the export ran: the instance stays usable
        } catch (CanonicalAbiTrap | CoreTrap e) {
            poisonedBy = name;
            if (deadline != null && deadline.fired()) {
                timedOut = true;
                throw new PluginTimeoutException(plugin.id(), name, timeout, e);
            }
            throw new PluginTrapException(plugin.id(), name, trapCause(e), e);
        } catch (StackOverflowError e) {
            poisonedBy = name;
            throw new PluginTrapException(plugin.id(), name, "call stack exhausted", e);
        } catch (RuntimeException e) {
            // the host's mistake (e.g. a value that does not fit the type); the guest may have run
            // part of the call already (realloc), so it is not trusted again either
            poisonedBy = name;
            throw e;
        } finally {
            if (deadline != null) {
                deadline.close();
            }
        }
    }
}
