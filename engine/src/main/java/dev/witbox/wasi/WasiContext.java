package dev.witbox.wasi;

import dev.witbox.abi.FunctionType;
import dev.witbox.abi.ResourceRef;
import dev.witbox.abi.ResourceType;
import dev.witbox.abi.ValueType;
import dev.witbox.api.PluginLinkException;
import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.HostImports;
import dev.witbox.runtime.ImportedFunction;
import dev.witbox.runtime.Plugin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WASI state of one plugin instance under one {@link WasiPolicy}: its stdout/stderr sinks,
 * clocks, random sources, preopens and the host objects behind the WASI resources the guest holds
 * (streams, pollables, errors, descriptors, directory streams). Make one per instance with
 * {@link Wasi#context}, give {@link #imports()} (or {@link #addTo}) to {@link Plugin#instantiate},
 * and {@link #close()} it with the instance: everything it holds is released then, whatever the
 * guest dropped or leaked.
 *
 * <p>In a {@code fresh} pool the context stays with its instance and is reset with it between leases: each
 * lease sees what a new context would show it (stdin from its start, nothing of the previous lease's files,
 * output, exit code, clocks or seeded random), and the captured output is cleared when the lease is given back,
 * so read it during the lease ({@code PluginPool.acquire()}).
 */
public final class WasiContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WasiContext.class);
    /** Makes a seeded insecure source differ from the secure one seeded alike. */
    private static final long INSECURE_SEED_MASK = 0x5DEECE66DL;
    private static final Pattern WASI_NAME = Pattern.compile("(wasi:[a-z0-9-]+/[a-z0-9-]+)@0\\.2\\.(\\d+)");

    private final String pluginId;
    private final WasiPolicy policy;
    private final Plugin plugin;
    private final Streams.Sink stdout;
    private final Streams.Sink stderr;
    private final Streams.BytesIn stdin;
    private final WasiClock clock;
    private final Random secure;
    private final Random insecure;
    private final List<Fs.Root> roots = new ArrayList<>();
    private final AtomicLong denied = new AtomicLong();

    /** The plugin's own resource types for the WASI resources, by WIT name. */
    private final Map<String, ResourceType> resourceTypes = new HashMap<>();
    private final Set<ResourceType> wasiTypes = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Representation to host object, for every WASI resource the guest holds. */
    private final Map<Integer, Object> table = new HashMap<>();
    private int nextRep = 1;
    private int openDescriptors;
    /**
     * The table and next representation at the seal (the very objects: the stdio streams and preopens a reactor's
     * initialisation took, all immutable or rewound by {@link CarriedOver#resetInPlace}); null until sealed.
     */
    private Map<Integer, Object> sealedTable;
    private int sealedNextRep;
    private int sealedDescriptors;
    private Integer exitCode;
    private boolean closed;

    WasiContext(Plugin plugin, WasiPolicy policy) {
        this.plugin = plugin;
        this.pluginId = plugin.id();
        this.policy = policy;
        this.stdout = new Streams.Sink(policy.stdout(), pluginId, false);
        this.stderr = new Streams.Sink(policy.stderr(), pluginId, true);
        this.stdin = new Streams.BytesIn(policy.stdinShared());
        this.clock = WasiClock.of(policy.clocks());
        this.secure = secureRandom(policy);
        this.insecure = insecureRandom(policy);
        this.roots.addAll(roots(pluginId, policy));
    }

    /** The random source behind wasi:random/random (and random_get): seeded, or the host's secure one. */
    static Random secureRandom(WasiPolicy policy) {
        return policy.random() instanceof WasiPolicy.Seeded s ? new Random(s.seed()) : new SecureRandom();
    }

    static Random insecureRandom(WasiPolicy policy) {
        return policy.random() instanceof WasiPolicy.Seeded s
                ? new Random(s.seed() ^ INSECURE_SEED_MASK) : new Random(new SecureRandom().nextLong());
    }

    /** Puts the random sources where {@link #secureRandom(WasiPolicy)} and {@link #insecureRandom} start them. */
    private static void reseed(WasiPolicy policy, Random secure, Random insecure) {
        if (policy.random() instanceof WasiPolicy.Seeded s) {
            synchronized (secure) {
                secure.setSeed(s.seed()); // java.util.Random: exactly as new Random(seed)
            }
            synchronized (insecure) {
                insecure.setSeed(s.seed() ^ INSECURE_SEED_MASK);
            }
        } else {
            // a new seed per lease, as a new context would take; not from the secure source, whose every draw
            // reads the operating system's entropy (a tenth of a pooled call's time), since this source is
            // insecure by contract and the secure one is unaffected either way
            long seed = ThreadLocalRandom.current().nextLong() ^ System.nanoTime();
            synchronized (insecure) {
                insecure.setSeed(seed);
            }
        }
    }

    /** The policy's preopens, checked to be existing directories, by their real host paths. */
    static List<Fs.Root> roots(String pluginId, WasiPolicy policy) {
        List<Fs.Root> roots = new ArrayList<>();
        for (WasiPolicy.Preopen p : policy.preopens()) {
            Path real;
            try {
                real = p.hostPath().toRealPath();
            } catch (IOException e) {
                throw new PluginLinkException(pluginId, "preopened directory " + p.hostPath() + " does not exist");
            }
            if (!Files.isDirectory(real)) {
                throw new PluginLinkException(pluginId, "preopened path " + p.hostPath() + " is not a directory");
            }
            roots.add(new Fs.Root(real, p.guestPath(), p.access() == WasiPolicy.Access.READ_ONLY));
        }
        return roots;
    }

    // ------------------------------------------------------------------ public API

    /** The plugin this context was made for. */
    public String pluginId() {
        return pluginId;
    }

    public WasiPolicy policy() {
        return policy;
    }

    /** The host functions for every WASI import of the plugin, alone. */
    public HostImports imports() {
        return addTo(HostImports.builder()).build();
    }

    /**
     * Adds the plugin's WASI imports (any {@code wasi:…@0.2.x} interface witbox implements) to
     * {@code builder}, and adds its resource drop hook (which this context needs to release what a
     * dropped handle holds). Closing the imports (a {@code PluginPool} does when it drops the instance)
     * closes this context; a {@code fresh} pool's reset returns it to its state at the seal instead (see
     * {@link HostImports.Sealable#resetInPlace}).
     *
     * @throws PluginLinkException when the plugin imports a WASI 0.2 function with another type than WASI's
     */
    public HostImports.Builder addTo(HostImports.Builder builder) {
        Map<String, WasiHost.Impl> impls = WasiHost.implementations(this);
        for (ImportedFunction imp : plugin.imports()) {
            if (imp.interfaceName() == null) {
                continue;
            }
            Matcher m = WASI_NAME.matcher(imp.interfaceName());
            if (!m.matches()) {
                continue;
            }
            String iface = m.group(1);
            FunctionType ours = WasiWit.get().function(iface, imp.functionName());
            WasiHost.Impl impl = NetworkDenied.interfaceMatches(iface)
                    ? (ours == null ? null : NetworkDenied.implementation(this, imp.name(), ours))
                    : impls.get(iface + "#" + imp.functionName());
            if (ours == null || impl == null) {
                continue; // left missing: the link error names it
            }
            if (!TypeShapes.same(ours, imp.type())) {
                throw new PluginLinkException(pluginId, "import '" + imp.name()
                        + "' does not have the type WASI " + WasiWit.VERSION + " gives it");
            }
            collectResources(imp.type());
            builder.function(imp.interfaceName(), imp.functionName(), imp.type(), args -> impl.call(args));
        }
        builder.onResourceDrop(this::dropped);
        CarriedOver state = new CarriedOver();
        builder.onClose(state);
        builder.sealable(state);
        return builder;
    }

    /** What the guest wrote to stdout, when the policy captures it (else empty). */
    public byte[] stdout() {
        return stdout.captured();
    }

    /** {@link #stdout()} as UTF-8 text. */
    public String stdoutText() {
        return new String(stdout.captured(), StandardCharsets.UTF_8);
    }

    public byte[] stderr() {
        return stderr.captured();
    }

    public String stderrText() {
        return new String(stderr.captured(), StandardCharsets.UTF_8);
    }

    /** Bytes written beyond the capture limit of stdout and stderr, dropped. */
    public long droppedOutputBytes() {
        return stdout.dropped() + stderr.dropped();
    }

    /** The code the guest passed to {@code wasi:cli/exit}, or null when it did not exit. */
    public synchronized Integer exitCode() {
        return exitCode;
    }

    /** How many attempts the policy refused. */
    public long deniedCount() {
        return denied.get();
    }

    /** Whether a failure of a call was the guest exiting through {@code wasi:cli/exit}. */
    public static boolean isExit(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof WasiExit) {
                return true;
            }
            if (c.getMessage() != null && c.getMessage().contains(WasiExit.class.getName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a guest's initialisation took (wasi-libc's {@code _initialize} asks for its stdio streams and
     * preopens): described at the seal so that the WASI context of the next lease of a {@code fresh} pool
     * makes the same resources, its own, under the same representations, and the instance is reset in place
     * instead of made again. Streams the guest opened on files, directory streams and errors are not carried:
     * an instance sealed holding one is replaced as before.
     *
     * <p>A pool rather keeps the context and {@linkplain #resetInPlace resets it in place} with the instance's
     * memory: the per-lease state returns to the seal and the plugin's imports stay linked, so a lease costs no
     * new context, no import matching and no relink. Closing this closes the context.
     */
    private final class CarriedOver implements HostImports.Sealable, AutoCloseable {
        @Override
        public Object seal() {
            synchronized (WasiContext.this) {
                Map<Integer, Object> kinds = new HashMap<>();
                for (Map.Entry<Integer, Object> e : table.entrySet()) {
                    Object kind = kindOf(e.getValue());
                    if (kind == null) {
                        return null;
                    }
                    kinds.put(e.getKey(), kind);
                }
                sealedTable = new HashMap<>(table);
                sealedNextRep = nextRep;
                sealedDescriptors = openDescriptors;
                return new Sealed(plugin, Map.copyOf(kinds), nextRep);
            }
        }

        /**
         * The next lease starts as a new context would, holding what the guest held at the seal: every resource
         * the lease made (descriptors, file streams, directory streams, errors, pollables) is released and
         * forgotten, the representations restart where they stood, stdin is read from its start again, the
         * captured output and the exit code are cleared, a virtual clock restarts at its fixed instant and the
         * real monotonic clock at zero, and seeded random sources restart from their seeds. What the policy
         * grants is fixed at construction and unchanged: a lease gets exactly what a new context would.
         */
        @Override
        public boolean resetInPlace() {
            synchronized (WasiContext.this) {
                if (closed || sealedTable == null) {
                    return false;
                }
                // nothing made since the seal and nothing dropped: the table is as sealed (the usual lease)
                if (nextRep != sealedNextRep || table.size() != sealedTable.size()) {
                    for (Map.Entry<Integer, Object> e : table.entrySet()) {
                        if (sealedTable.get(e.getKey()) != e.getValue()) {
                            release(e.getValue());
                        }
                    }
                    table.clear();
                    table.putAll(sealedTable);
                    nextRep = sealedNextRep;
                    openDescriptors = sealedDescriptors;
                }
                exitCode = null;
                stdin.rewind();
                stdout.reset();
                stderr.reset();
                clock.restart();
                reseed(policy, secure, insecure);
                return true;
            }
        }

        @Override
        public void close() {
            WasiContext.this.close();
        }

        @Override
        public boolean adopt(Object sealed) {
            if (!(sealed instanceof Sealed s) || s.plugin() != plugin) {
                return false;
            }
            synchronized (WasiContext.this) {
                if (closed || !table.isEmpty()) {
                    return false;
                }
                for (Map.Entry<Integer, Object> e : s.kinds().entrySet()) {
                    Object made = make(e.getValue());
                    if (made == null) {
                        table.values().forEach(WasiContext::release);
                        table.clear();
                        openDescriptors = 0;
                        return false;
                    }
                    table.put(e.getKey(), made);
                    if (made instanceof Fs.Descriptor) {
                        openDescriptors++;
                    }
                }
                nextRep = s.nextRep();
                return true;
            }
        }

        /** What stands for {@code o} across contexts: a stream name, a preopen's index, a pollable; else null. */
        private Object kindOf(Object o) {
            if (o == stdin) {
                return "stdin";
            } else if (o instanceof Streams.SinkOut out && out.sink == stdout) {
                return "stdout";
            } else if (o instanceof Streams.SinkOut out && out.sink == stderr) {
                return "stderr";
            } else if (o instanceof Streams.Pollable p) {
                return p;
            } else if (o instanceof Fs.Descriptor d && d.channel == null && d.rel.isEmpty() && roots.contains(d.root)) {
                return roots.indexOf(d.root);
            }
            return null;
        }

        private Object make(Object kind) {
            if ("stdin".equals(kind)) {
                return stdin;
            } else if ("stdout".equals(kind)) {
                return new Streams.SinkOut(stdout);
            } else if ("stderr".equals(kind)) {
                return new Streams.SinkOut(stderr);
            } else if (kind instanceof Streams.Pollable p) {
                return p;
            } else if (kind instanceof Integer i && i < roots.size()) {
                Fs.Root root = roots.get(i);
                return new Fs.Descriptor(root, List.of(), true, true, !root.readOnly(), !root.readOnly(), null);
            }
            return null;
        }
    }

    /** The resources a sealed instance's guest holds, by representation, for the next context to make. */
    private record Sealed(Plugin plugin, Map<Integer, Object> kinds, int nextRep) {}

    /** Whether {@link #close()} ran (a pool closes the context of an instance it resets or drops). */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Releases every resource still held (open files), and flushes the sinks. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Object o : table.values()) {
            release(o);
        }
        table.clear();
        openDescriptors = 0;
        stdout.close();
        stderr.close();
    }

    /** How many WASI resources the guest holds now (for tests and metrics). */
    public synchronized int liveResources() {
        return table.size();
    }

    // ------------------------------------------------------------------ for WasiHost

    Streams.Sink stdoutSink() {
        return stdout;
    }

    Streams.Sink stderrSink() {
        return stderr;
    }

    Streams.BytesIn stdinStream() {
        return stdin;
    }

    WasiClock clock() {
        return clock;
    }

    Random secureRandom() {
        return secure;
    }

    Random insecureRandom() {
        return insecure;
    }

    List<Fs.Root> roots() {
        return roots;
    }

    WasiPolicy.Limits limits() {
        return policy.limits();
    }

    synchronized void exit(int code) {
        exitCode = code;
        throw new WasiExit(code);
    }

    void deny(String what) {
        denied.incrementAndGet();
        LOG.debug("plugin {}: WASI denied {}", pluginId, what);
    }

    /** A new own handle to {@code object}, as the resource type the plugin knows by {@code name}. */
    synchronized WitValue.Handle own(String name, Object object) {
        ResourceType type = resourceTypes.get(name);
        if (type == null) {
            throw new IllegalStateException("the plugin does not import the WASI resource " + name);
        }
        checkOpen();
        int rep = nextRep++;
        table.put(rep, object);
        if (object instanceof Fs.Descriptor) {
            openDescriptors++;
        }
        return new WitValue.Handle(ResourceRef.hostResource(type, rep));
    }

    /** Whether another descriptor may be opened. */
    synchronized boolean mayOpenDescriptor() {
        return openDescriptors < policy.limits().maxOpenDescriptors();
    }

    /** The host object behind a handle the guest passed. */
    synchronized <T> T get(WitValue value, Class<T> kind) {
        checkOpen();
        ResourceRef ref = (ResourceRef) ((WitValue.Handle) value).handle();
        Object o = table.get(ref.rep());
        if (!kind.isInstance(o)) {
            throw new IllegalStateException("handle " + ref.rep() + " is not a live " + kind.getSimpleName());
        }
        return kind.cast(o);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the WASI context of plugin " + pluginId + " is closed");
        }
    }

    private synchronized void dropped(ResourceType type, int rep) {
        if (!wasiTypes.contains(type)) {
            return;
        }
        Object o = table.remove(rep);
        if (o instanceof Fs.Descriptor) {
            openDescriptors--;
        }
        release(o);
    }

    private static void release(Object o) {
        if (o instanceof Fs.Descriptor d) {
            d.close();
        }
    }

    private void collectResources(FunctionType type) {
        for (FunctionType.Param p : type.params()) {
            collect(p.type());
        }
        if (type.result() != null) {
            collect(type.result());
        }
    }

    private void collect(ValueType t) {
        if (t instanceof ValueType.OwnOf o) {
            add(o.resource());
        } else if (t instanceof ValueType.BorrowOf b) {
            add(b.resource());
        } else if (t instanceof ValueType.ListOf l) {
            collect(l.element());
        } else if (t instanceof ValueType.OptionOf o) {
            collect(o.element());
        } else if (t instanceof ValueType.ResultOf r) {
            if (r.ok() != null) {
                collect(r.ok());
            }
            if (r.err() != null) {
                collect(r.err());
            }
        } else if (t instanceof ValueType.TupleOf tu) {
            tu.elements().forEach(this::collect);
        } else if (t instanceof ValueType.RecordOf r) {
            r.fields().forEach(f -> collect(f.type()));
        } else if (t instanceof ValueType.VariantOf v) {
            v.cases().forEach(c -> {
                if (c.payload() != null) {
                    collect(c.payload());
                }
            });
        }
    }

    private void add(ResourceType type) {
        ResourceType prev = resourceTypes.putIfAbsent(type.name(), type);
        if (prev != null && prev != type) {
            throw new PluginLinkException(pluginId, "the plugin imports two different WASI resources named " + type.name());
        }
        wasiTypes.add(type);
    }

    @Override
    public String toString() {
        return "WasiContext[" + pluginId + "]";
    }
}
