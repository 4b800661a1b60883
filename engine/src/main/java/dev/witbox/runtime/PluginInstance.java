package dev.witbox.runtime;

import dev.witbox.abi.CanonicalAbiTrap;
import dev.witbox.abi.ResourceRef;
import dev.witbox.api.PluginTrapException;
import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import dev.witbox.internal.chicory.CoreTrap;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Collectors;

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
    private String poisonedBy;
    private boolean closed;

    PluginInstance(Plugin plugin, Instantiation instantiation) {
        this.plugin = plugin;
        this.instantiation = instantiation;
    }

    public Plugin plugin() {
        return plugin;
    }

    /**
     * Calls an export by its canonical name ({@link ExportedFunction#name()}).
     *
     * @return the result, or null when the function has none
     * @throws PluginTrapException when the guest traps (or trapped before)
     * @throws WitboxException when there is no such export or the arguments do not fit its type
     */
    public synchronized WitValue call(String exportName, WitValue... args) {
        Item.Func func = plugin.plan().exportItems().get(exportName);
        if (func == null) {
            throw new WitboxException("plugin '" + plugin.id() + "' has no export '" + exportName + "'; it exports: "
                    + plugin.exports().stream().map(ExportedFunction::name).collect(Collectors.joining(", ")));
        }
        return guarded(exportName, () -> instantiation.call(func, args));
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
    public synchronized boolean isPoisoned() {
        return poisonedBy != null;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private WitValue guarded(String name, Supplier<WitValue> body) {
        if (closed) {
            throw new WitboxException("instance of plugin '" + plugin.id() + "' is closed");
        }
        if (poisonedBy != null) {
            throw new PluginTrapException(plugin.id(), name, "the instance trapped earlier (in '" + poisonedBy
                    + "') and may not be used again", null);
        }
        Duration timeout = plugin.engine().callTimeout();
        CallDeadlines.Armed deadline = timeout == null ? null : plugin.engine().deadlines().arm(timeout);
        try {
            return body.get();
        } catch (CanonicalAbiTrap | CoreTrap e) {
            poisonedBy = name;
            String reason = deadline != null && deadline.fired()
                    ? "the call exceeded its timeout of " + timeout.toMillis() + " ms" : e.getMessage();
            throw new PluginTrapException(plugin.id(), name, reason, e);
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
