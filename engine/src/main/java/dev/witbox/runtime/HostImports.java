package dev.witbox.runtime;

import dev.witbox.abi.FunctionType;
import dev.witbox.abi.HostFunction;
import dev.witbox.abi.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The functions the host provides to a plugin's imports, matched by interface and function name and
 * checked against the plugin's import types when an instance is created. Immutable; build with
 * {@link #builder()}.
 *
 * <pre>
 * HostImports imports = HostImports.builder()
 *     .function("demo:log/sink@0.1.0", "log", logType, args -&gt; { log(args[0]); return null; })
 *     .build();
 * </pre>
 */
public final class HostImports {

    private static final HostImports NONE = new HostImports(Map.of(), null, List.of(), null);

    /**
     * Host state the guest holds handles to from its initialisation (a WASI context's stdio streams and
     * preopens, taken by a wasi-libc reactor's {@code _initialize}), which a pool can carry over to the next
     * lease's imports: then a {@code fresh} pool resets such an instance in place instead of making a new one.
     */
    public interface Sealable {
        /**
         * What the guest holds now, right after its instance was sealed, as a description the next imports
         * can {@link #adopt}; null when some of it cannot be carried over.
         */
        Object seal();

        /**
         * Takes on {@code sealed} (what {@link #seal} of the previous imports returned): the same handles
         * standing for the same kind of state, made afresh. False when these imports cannot.
         */
        boolean adopt(Object sealed);

        /**
         * Returns this same state, in place, to what it was when {@link #seal} last described it, for the next
         * lease of the same instance (whose memory and handles were just reset to the seal): what the lease
         * opened is released, what it wrote is forgotten. False (the default) when it cannot; then the pool
         * closes these imports and asks its supplier for new ones, as for imports without sealable state.
         * A pool resets imports in place only when this state is all they registered to be closed
         * ({@link Builder#onClose}), so that nothing else of the lease survives it.
         */
        default boolean resetInPlace() {
            return false;
        }
    }

    /**
     * Told when the guest drops an own handle of a resource the host implements (a resource type the
     * plugin imports), so that the host can release what {@code rep} stands for.
     */
    @FunctionalInterface
    public interface ResourceDropHook {
        void dropped(ResourceType type, int rep);
    }

    /**
     * A host function with the type it was written for: a {@link FunctionType}, or (from generated glue)
     * the signature text {@link WitSignatures} writes, with the WIT signature it was generated from.
     */
    record Provided(String interfaceName, String functionName, FunctionType type, String signature,
            String witSignature, HostFunction function) {

        /** What the function was written for, as the plugin's import type is printed. */
        String signatureText() {
            return type != null ? WitSignatures.of(type) : signature;
        }

        /** Whether it was written for the plugin's import type {@code imported}. */
        boolean fits(FunctionType imported) {
            return type != null ? WitSignatures.matches(imported, type) : WitSignatures.of(imported).equals(signature);
        }
    }

    private final Map<String, Provided> functions;
    private final ResourceDropHook dropHook;
    private final List<AutoCloseable> closers;
    private final Sealable sealable;

    private HostImports(Map<String, Provided> functions, ResourceDropHook dropHook, List<AutoCloseable> closers,
            Sealable sealable) {
        this.functions = Map.copyOf(functions);
        this.dropHook = dropHook;
        this.closers = List.copyOf(closers);
        this.sealable = sealable;
    }

    /** What {@link Sealable#seal} says of these imports' state, or null (nothing sealable registered, or it cannot). */
    Object sealHostState() {
        return sealable == null ? null : sealable.seal();
    }

    /**
     * Whether these imports returned their state to the seal in place ({@link Sealable#resetInPlace}), so that
     * the instance keeps them for its next lease: only when the sealable state is the only thing registered to
     * be closed (other closers stand for per-instance state nobody resets).
     */
    boolean resetHostStateInPlace() {
        if (sealable == null) {
            return false;
        }
        for (AutoCloseable c : closers) {
            if (c != sealable) {
                return false;
            }
        }
        return sealable.resetInPlace();
    }

    /** Whether these imports took on {@code sealed} (see {@link Sealable#adopt}). */
    boolean adoptHostState(Object sealed) {
        return sealable != null && sealable.adopt(sealed);
    }

    /**
     * Runs what {@link Builder#onClose} registered, in order; a failure of one does not stop the others. A
     * {@link PluginPool} calls it when the instance these imports were made for is reset or dropped.
     */
    void close() {
        for (AutoCloseable c : closers) {
            try {
                c.close();
            } catch (Exception e) {
                // the instance is going away either way; the state it held is what there was to release
            }
        }
    }

    /** Whether closing these imports does anything. */
    boolean needsClosing() {
        return !closers.isEmpty();
    }

    /** The hook for drops of host-implemented resources, or null. */
    ResourceDropHook dropHook() {
        return dropHook;
    }

    /** No imports at all. */
    public static HostImports none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    Provided lookup(String interfaceName, String functionName) {
        return functions.get(key(interfaceName, functionName));
    }

    private static String key(String interfaceName, String functionName) {
        return interfaceName == null ? functionName : interfaceName + "#" + functionName;
    }

    /** Collects host functions. */
    public static final class Builder {

        private final Map<String, Provided> functions = new LinkedHashMap<>();
        private final List<ResourceDropHook> dropHooks = new ArrayList<>();
        private final List<AutoCloseable> closers = new ArrayList<>();
        private Sealable sealable;

        private Builder() {}

        /** Registers the state a pool may carry over from lease to lease ({@link Sealable}); one per imports. */
        public Builder sealable(Sealable state) {
            if (sealable != null) {
                throw new IllegalStateException("these imports already have sealable state: " + sealable);
            }
            sealable = Objects.requireNonNull(state, "state");
            return this;
        }

        /**
         * Registers state to release when the instance these imports were made for is done with them: a pool
         * closes the imports it got from {@link PoolOptions#imports()} when it resets or drops the instance.
         */
        public Builder onClose(AutoCloseable closer) {
            closers.add(Objects.requireNonNull(closer, "closer"));
            return this;
        }

        /**
         * Provides {@code functionName} of interface {@code interfaceName} (e.g.
         * {@code "demo:log/sink@0.1.0"}; null for a world-level import), written for {@code type}. The
         * callback gets one value per parameter and returns the result, or null when there is none.
         */
        public Builder function(String interfaceName, String functionName, FunctionType type, HostFunction callback) {
            Objects.requireNonNull(functionName, "functionName");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(callback, "callback");
            functions.put(key(interfaceName, functionName),
                    new Provided(interfaceName, functionName, type, null, null, callback));
            return this;
        }

        /**
         * Provides every function of {@code type}, a Java interface witbox-bindgen generated for an
         * interface the plugin imports, by calling {@code implementation}: the generated glue lifts the
         * guest's arguments to Java values, calls it and lowers the result. An exception the
         * implementation throws traps the guest's call (the cause is kept), except a
         * {@link dev.witbox.api.WitErrorException} from a function returning a WIT {@code result},
         * which returns its {@code err} case. Resources of the interface are the implementation's own Java
         * objects (classes implementing the generated resource interface): the guest's handles carry them,
         * its method calls reach them, and an object's {@code close()} runs when the guest drops its own
         * handle or its instance is reset or closed.
         *
         * @throws WitboxException when {@code type} is not a generated import interface
         */
        public <T> Builder implement(Class<T> type, T implementation) {
            Bindings.implement(this, type, implementation);
            return this;
        }

        /**
         * Provides a function written for a type given as text: what generated glue calls (see
         * {@link #implement}). {@code signature} is the type with every named type spelled out, as
         * {@link ImportedFunction#signature()} prints it after the name; it must equal the plugin's
         * import type. {@code witSignature} is the WIT signature it was generated from, for messages.
         */
        public Builder typedFunction(String interfaceName, String functionName, String witSignature,
                String signature, HostFunction callback) {
            Objects.requireNonNull(functionName, "functionName");
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(callback, "callback");
            functions.put(key(interfaceName, functionName),
                    new Provided(interfaceName, functionName, null, signature, witSignature, callback));
            return this;
        }

        /**
         * Adds a hook told when the guest drops an own handle of a resource the host implements by a
         * representation ({@code ResourceRef.hostResource}). Hooks accumulate: every hook is told of every
         * drop, in the order they were added, and ignores the types that are not its own (so that WASI's and
         * the application's hooks live side by side). A host object ({@code ResourceRef.hostObject}) is
         * closed instead; no hook hears of it.
         */
        public Builder onResourceDrop(ResourceDropHook hook) {
            dropHooks.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        public HostImports build() {
            return new HostImports(functions, combined(List.copyOf(dropHooks)), closers, sealable);
        }

        /** One hook telling each of {@code hooks}; if some fail, the others are still told, then the first failure is thrown. */
        private static ResourceDropHook combined(List<ResourceDropHook> hooks) {
            if (hooks.isEmpty()) {
                return null;
            } else if (hooks.size() == 1) {
                return hooks.get(0);
            }
            return (type, rep) -> {
                RuntimeException failure = null;
                for (ResourceDropHook hook : hooks) {
                    try {
                        hook.dropped(type, rep);
                    } catch (RuntimeException e) {
                        if (failure == null) {
                            failure = e;
                        } else {
                            failure.addSuppressed(e);
                        }
                    }
                }
                if (failure != null) {
                    throw failure;
                }
            };
        }
    }
}
