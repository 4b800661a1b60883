package dev.witbox.wasi;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a plugin may see and do through WASI. Immutable; {@link #builder()} starts from nothing:
 * no environment, no arguments, empty stdin, stdout and stderr discarded, no directories, the real
 * clocks and a secure random source. Everything else is granted explicitly.
 *
 * <pre>
 * WasiPolicy policy = WasiPolicy.builder()
 *     .env("GREETING", "hello")
 *     .args("plugin", "--verbose")
 *     .stdout(WasiPolicy.Output.capture(64 * 1024))
 *     .preopen(Path.of("/srv/data"), "/data", WasiPolicy.Access.READ_ONLY)
 *     .build();
 * </pre>
 */
public final class WasiPolicy {

    /** Where a guest's stdout or stderr goes. */
    public sealed interface Output {
        /** Dropped. */
        static Output discard() {
            return Discard.INSTANCE;
        }

        /** Kept in memory, up to {@code maxBytes}; what comes after is dropped (and counted). */
        static Output capture(int maxBytes) {
            return new Capture(maxBytes);
        }

        /** Written line by line to the SLF4J logger {@code witbox.plugin.<plugin id>.<stdout|stderr>}. */
        static Output logger() {
            return Logger.INSTANCE;
        }

        /** Written to the host's own {@code System.out} / {@code System.err}. */
        static Output inherit() {
            return Inherit.INSTANCE;
        }

        /** Written to {@code stream}, which the host owns (it is flushed, never closed, by witbox). */
        static Output stream(java.io.OutputStream stream) {
            return new ToStream(Objects.requireNonNull(stream, "stream"));
        }
    }

    record ToStream(java.io.OutputStream stream) implements Output {}

    enum Discard implements Output { INSTANCE }

    enum Logger implements Output { INSTANCE }

    enum Inherit implements Output { INSTANCE }

    record Capture(int maxBytes) implements Output {
        Capture {
            if (maxBytes < 0) {
                throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
            }
        }
    }

    /** Whether a preopened directory may be changed. */
    public enum Access { READ_ONLY, READ_WRITE }

    /** A host directory the guest sees under {@code guestPath}. */
    public record Preopen(Path hostPath, String guestPath, Access access) {
        public Preopen {
            Objects.requireNonNull(hostPath, "hostPath");
            Objects.requireNonNull(guestPath, "guestPath");
            Objects.requireNonNull(access, "access");
            if (guestPath.isEmpty()) {
                throw new IllegalArgumentException("guest path must not be empty");
            }
        }
    }

    /** The clocks: the host's, or a fixed wall clock and a virtual monotonic clock that sleeps advance. */
    public sealed interface Clocks {
        static Clocks real() {
            return Real.INSTANCE;
        }

        /** Wall clock starts at {@code wallStart}; monotonic clock at 0; both move only when the guest sleeps. */
        static Clocks fixed(Instant wallStart) {
            return new Fixed(Objects.requireNonNull(wallStart, "wallStart"));
        }
    }

    enum Real implements Clocks { INSTANCE }

    record Fixed(Instant wallStart) implements Clocks {}

    /** Randomness: secure (the host's {@code SecureRandom}), or seeded for reproducible runs. */
    public sealed interface Randomness {
        static Randomness secure() {
            return Secure.INSTANCE;
        }

        static Randomness seeded(long seed) {
            return new Seeded(seed);
        }
    }

    enum Secure implements Randomness { INSTANCE }

    record Seeded(long seed) implements Randomness {}

    /**
     * Bounds on what the guest can make the host do.
     *
     * @param maxWriteBytes     bytes one stream write may carry ({@code check-write} offers this much)
     * @param maxOpenDescriptors file system descriptors open at once (preopens included)
     * @param maxRandomBytes    bytes of random data per call
     * @param maxDirEntries     entries one directory read returns before it ends
     */
    public record Limits(int maxWriteBytes, int maxOpenDescriptors, int maxRandomBytes, int maxDirEntries) {
        public static final Limits DEFAULT = new Limits(1 << 20, 64, 1 << 20, 10_000);

        public Limits {
            if (maxWriteBytes < 1 || maxOpenDescriptors < 0 || maxRandomBytes < 0 || maxDirEntries < 0) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    private static final WasiPolicy DENY_ALL = builder().build();

    private final Map<String, String> env;
    private final List<String> args;
    private final byte[] stdin;
    private final Output stdout;
    private final Output stderr;
    private final Clocks clocks;
    private final Randomness random;
    private final List<Preopen> preopens;
    private final Limits limits;

    private WasiPolicy(Builder b) {
        this.env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
        this.args = List.copyOf(b.args);
        this.stdin = b.stdin.clone();
        this.stdout = b.stdout;
        this.stderr = b.stderr;
        this.clocks = b.clocks;
        this.random = b.random;
        this.preopens = List.copyOf(b.preopens);
        this.limits = b.limits;
    }

    /** Nothing granted. */
    public static WasiPolicy denyAll() {
        return DENY_ALL;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this policy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.env.putAll(env);
        b.args.addAll(args);
        b.stdin = stdin;
        b.stdout = stdout;
        b.stderr = stderr;
        b.clocks = clocks;
        b.random = random;
        b.preopens.addAll(preopens);
        b.limits = limits;
        return b;
    }

    public Map<String, String> env() {
        return env;
    }

    public List<String> args() {
        return args;
    }

    public byte[] stdin() {
        return stdin.clone();
    }

    byte[] stdinShared() {
        return stdin;
    }

    public Output stdout() {
        return stdout;
    }

    public Output stderr() {
        return stderr;
    }

    public Clocks clocks() {
        return clocks;
    }

    public Randomness random() {
        return random;
    }

    public List<Preopen> preopens() {
        return preopens;
    }

    public Limits limits() {
        return limits;
    }

    /** Collects grants; every method returns this builder. */
    public static final class Builder {
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> args = new ArrayList<>();
        private byte[] stdin = new byte[0];
        private Output stdout = Output.discard();
        private Output stderr = Output.discard();
        private Clocks clocks = Clocks.real();
        private Randomness random = Randomness.secure();
        private final List<Preopen> preopens = new ArrayList<>();
        private Limits limits = Limits.DEFAULT;

        private Builder() {}

        /** Grants one environment variable. */
        public Builder env(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isEmpty() || name.indexOf('=') >= 0) {
                throw new IllegalArgumentException("invalid environment variable name: '" + name + "'");
            }
            env.put(name, value);
            return this;
        }

        /** Grants each of these environment variables. */
        public Builder env(Map<String, String> vars) {
            vars.forEach(this::env);
            return this;
        }

        /** Grants the host's own value of {@code name}, if the host has it set. */
        public Builder inheritEnv(String name) {
            String value = System.getenv(name);
            if (value != null) {
                env(name, value);
            }
            return this;
        }

        /** The program arguments (the first is conventionally the program name); replaces earlier ones. */
        public Builder args(List<String> arguments) {
            args.clear();
            arguments.forEach(a -> args.add(Objects.requireNonNull(a, "argument")));
            return this;
        }

        public Builder args(String... arguments) {
            return args(List.of(arguments));
        }

        /** What the guest reads from stdin (copied). */
        public Builder stdin(byte[] bytes) {
            this.stdin = bytes.clone();
            return this;
        }

        public Builder stdout(Output output) {
            this.stdout = Objects.requireNonNull(output, "output");
            return this;
        }

        public Builder stderr(Output output) {
            this.stderr = Objects.requireNonNull(output, "output");
            return this;
        }

        public Builder clocks(Clocks c) {
            this.clocks = Objects.requireNonNull(c, "clocks");
            return this;
        }

        public Builder random(Randomness r) {
            this.random = Objects.requireNonNull(r, "random");
            return this;
        }

        /** Grants the directory {@code hostPath}, seen by the guest as {@code guestPath}. */
        public Builder preopen(Path hostPath, String guestPath, Access access) {
            preopens.add(new Preopen(hostPath, guestPath, access));
            return this;
        }

        public Builder limits(Limits l) {
            this.limits = Objects.requireNonNull(l, "limits");
            return this;
        }

        public WasiPolicy build() {
            return new WasiPolicy(this);
        }
    }
}
