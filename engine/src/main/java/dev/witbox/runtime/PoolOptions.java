package dev.witbox.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Every knob of a {@link PluginPool}, in one immutable value built with {@link #builder()}. The defaults
 * suit a typical plugin: no idle instances kept warm, up to twice as many instances as processors, a
 * 10 s acquire timeout, instances reset to the snapshot for every lease ({@link Isolation#FRESH}),
 * evicted after 5 idle minutes, a memory budget of a quarter of the JVM's maximum heap, and the engine's
 * memory limit and call timeout.
 */
public final class PoolOptions {

    /** The default acquire timeout. */
    public static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(10);
    /** The default idle time after which an instance above {@link #minIdle()} is dropped. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

    /** The default imports: none. Compared by identity, so that a pool knows it never needs to relink. */
    static final Supplier<HostImports> NO_IMPORTS = HostImports::none;

    private final int minIdle;
    private final int maxSize;
    private final Duration acquireTimeout;
    private final long maxUses;
    private final Duration idleTimeout;
    private final Isolation isolation;
    private final long memoryBudgetBytes;
    private final long maxInstanceMemoryBytes;
    private final Supplier<HostImports> imports;
    private final PluginListener listener;
    private final Duration callTimeout;
    private final LongSupplier ticker;

    private PoolOptions(Builder b) {
        this.minIdle = b.minIdle;
        this.maxSize = b.maxSize;
        this.acquireTimeout = b.acquireTimeout;
        this.maxUses = b.maxUses;
        this.idleTimeout = b.idleTimeout;
        this.isolation = b.isolation;
        this.memoryBudgetBytes = b.memoryBudgetBytes;
        this.maxInstanceMemoryBytes = b.maxInstanceMemoryBytes;
        this.imports = b.imports;
        this.listener = b.listener;
        this.callTimeout = b.callTimeout;
        this.ticker = b.ticker;
    }

    /** The defaults. */
    public static PoolOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Instances the pool keeps ready even when idle (made when the pool opens, kept through eviction). */
    public int minIdle() {
        return minIdle;
    }

    /** The most instances that exist at once, lent out or idle. */
    public int maxSize() {
        return maxSize;
    }

    /** How long {@link PluginPool#acquire()} waits for an instance before throwing {@code PluginBusyException}. */
    public Duration acquireTimeout() {
        return acquireTimeout;
    }

    /** The most leases one instance serves before it is replaced ({@link Long#MAX_VALUE}: no limit). */
    public long maxUses() {
        return maxUses;
    }

    /** How long an idle instance above {@link #minIdle()} is kept; null: forever. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    public Isolation isolation() {
        return isolation;
    }

    /** The most linear memory all of the plugin's instances may hold together, in bytes. */
    public long memoryBudgetBytes() {
        return memoryBudgetBytes;
    }

    /**
     * The most linear memory one instance may hold, in bytes; -1: the engine's limit. Either way a module's
     * own declared maximum is lower still when it says so.
     */
    public long maxInstanceMemoryBytes() {
        return maxInstanceMemoryBytes;
    }

    /**
     * Makes the host imports of one instance: called when an instance is made, and again at a {@code fresh}
     * reset unless the imports reset their own state in place ({@link HostImports.Sealable#resetInPlace}, as a
     * WASI context does).
     */
    public Supplier<HostImports> imports() {
        return imports;
    }

    public PluginListener listener() {
        return listener;
    }

    /** The deadline of each call; null: the engine's call timeout (which may be none). */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** The time source for idle eviction, in nanoseconds ({@link System#nanoTime()} unless a test sets one). */
    LongSupplier ticker() {
        return ticker;
    }

    /** Builds {@link PoolOptions}; starts from the defaults. */
    public static final class Builder {
        private int minIdle;
        private int maxSize = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        private Duration acquireTimeout = DEFAULT_ACQUIRE_TIMEOUT;
        private long maxUses = Long.MAX_VALUE;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Isolation isolation = Isolation.FRESH;
        private long memoryBudgetBytes = Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4);
        private long maxInstanceMemoryBytes = -1;
        private Supplier<HostImports> imports = NO_IMPORTS;
        private PluginListener listener = PluginListener.NONE;
        private Duration callTimeout;
        private LongSupplier ticker = System::nanoTime;

        private Builder() {}

        public Builder minIdle(int minIdle) {
            if (minIdle < 0) {
                throw new IllegalArgumentException("minIdle must not be negative: " + minIdle);
            }
            this.minIdle = minIdle;
            return this;
        }

        public Builder maxSize(int maxSize) {
            if (maxSize < 1) {
                throw new IllegalArgumentException("maxSize must be at least 1: " + maxSize);
            }
            this.maxSize = maxSize;
            return this;
        }

        public Builder acquireTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("acquireTimeout must not be negative: " + timeout);
            }
            this.acquireTimeout = timeout;
            return this;
        }

        public Builder maxUses(long maxUses) {
            if (maxUses < 1) {
                throw new IllegalArgumentException("maxUses must be at least 1: " + maxUses);
            }
            this.maxUses = maxUses;
            return this;
        }

        /** How long an idle instance above {@code minIdle} is kept; null keeps idle instances forever. */
        public Builder idleTimeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("idleTimeout must be positive: " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        public Builder isolation(Isolation isolation) {
            this.isolation = Objects.requireNonNull(isolation, "isolation");
            return this;
        }

        public Builder memoryBudgetBytes(long bytes) {
            if (bytes < 65536) {
                throw new IllegalArgumentException("memoryBudgetBytes must be at least one 64 KiB page: " + bytes);
            }
            this.memoryBudgetBytes = bytes;
            return this;
        }

        public Builder maxInstanceMemoryBytes(long bytes) {
            if (bytes < 65536) {
                throw new IllegalArgumentException("maxInstanceMemoryBytes must be at least one 64 KiB page: " + bytes);
            }
            this.maxInstanceMemoryBytes = bytes;
            return this;
        }

        /**
         * The host imports of each instance (WASI state, for one, belongs to one instance): made for every new
         * instance, and again whenever a {@code fresh} reset cannot return the imports' state to the seal in
         * place ({@link HostImports.Sealable#resetInPlace}; a WASI context can). A {@link HostImports} built
         * with {@link HostImports.Builder#onClose} is closed when its instance is dropped, or reset without
         * keeping its imports.
         */
        public Builder imports(Supplier<HostImports> imports) {
            this.imports = Objects.requireNonNull(imports, "imports");
            return this;
        }

        public Builder listener(PluginListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The deadline of each call (null: the engine's). */
        public Builder callTimeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("callTimeout must be positive: " + timeout);
            }
            this.callTimeout = timeout;
            return this;
        }

        /** Replaces the clock that idle eviction reads (tests). */
        Builder ticker(LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        public PoolOptions build() {
            if (minIdle > maxSize) {
                throw new IllegalArgumentException("minIdle (" + minIdle + ") exceeds maxSize (" + maxSize + ")");
            }
            return new PoolOptions(this);
        }
    }
}
