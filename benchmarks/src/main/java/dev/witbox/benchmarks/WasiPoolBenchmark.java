package dev.witbox.benchmarks;

import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.ExportHandle;
import dev.witbox.runtime.Isolation;
import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginInstance;
import dev.witbox.runtime.PluginPool;
import dev.witbox.runtime.PoolOptions;
import dev.witbox.runtime.PooledFunction;
import dev.witbox.runtime.WitboxEngine;
import dev.witbox.wasi.Wasi;
import dev.witbox.wasi.WasiContext;
import dev.witbox.wasi.WasiPolicy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * WASI plugins through a {@code fresh} pool (borrow, call, reset the memory and the instance's WASI context in
 * place, give back): wasi-probe's {@code stdio} (a C reactor whose initialisation takes its stdio streams, which
 * the context keeps through every reset) against a call on an instance already held with one context; and
 * wasi-hello (a C command through the preview1 command adapter, {@code wasi:cli/run}), whose {@code run} may
 * run once per instance (the adapter traps on a second {@code _start}), so its baseline is a new instance and
 * context per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WasiPoolBenchmark {

    private static final WitValue STDIO = new WitValue.Str("stdio");

    private final WasiPolicy policy = WasiPolicy.builder().build();
    private Plugin hello;
    private String helloRun;
    private PluginPool helloPool;
    private PooledFunction pooledHelloRun;
    private WasiContext heldProbeContext;
    private PluginInstance heldProbe;
    private ExportHandle heldProbeRun;
    private PluginPool probePool;
    private PooledFunction pooledProbeRun;
    private PluginPool probeReusePool;
    private PooledFunction reusedProbeRun;

    @Setup
    public void setUp() {
        WitboxEngine engine = WitboxEngine.create();
        Plugin hello = engine.load("wasi-hello", Guests.bytes("wasi/wasi-hello.wasm"));
        this.hello = hello;
        helloRun = hello.exports().stream().map(e -> e.name()).filter(n -> n.endsWith("#run"))
                .findFirst().orElseThrow();
        helloPool = hello.pool(PoolOptions.builder().minIdle(1).maxSize(1)
                .imports(() -> Wasi.context(hello, policy).imports()).build());
        pooledHelloRun = helloPool.function(helloRun);
        Plugin probe = engine.load("wasi-probe", Guests.bytes("wasi/wasi-probe.wasm"));
        heldProbeContext = Wasi.context(probe, policy);
        heldProbe = probe.instantiate(heldProbeContext.imports());
        heldProbeRun = heldProbe.function("run");
        probePool = probe.pool(PoolOptions.builder().minIdle(1).maxSize(1)
                .imports(() -> Wasi.context(probe, policy).imports()).build());
        pooledProbeRun = probePool.function("run");
        probeReusePool = probe.pool(PoolOptions.builder().minIdle(1).maxSize(1).isolation(Isolation.REUSE)
                .imports(() -> Wasi.context(probe, policy).imports()).build());
        reusedProbeRun = probeReusePool.function("run");
        helloNewInstance();
        helloPooled();
        helloPooled();
        probeHeld();
        probePooled();
        if (probePool.stats().created() != 1 || probePool.stats().notResettable() != 0) {
            throw new IllegalStateException("wasi-probe was not reset in place: " + probePool.stats());
        }
    }

    @TearDown
    public void tearDown() {
        helloPool.close();
        heldProbe.close();
        heldProbeContext.close();
        probePool.close();
        probeReusePool.close();
    }

    @Benchmark
    public WitValue helloNewInstance() {
        try (WasiContext wasi = Wasi.context(hello, policy); PluginInstance instance = hello.instantiate(wasi.imports())) {
            return instance.call(helloRun);
        }
    }

    @Benchmark
    public WitValue helloPooled() {
        return pooledHelloRun.call();
    }

    @Benchmark
    public WitValue probeHeld() {
        return heldProbeRun.call(STDIO);
    }

    @Benchmark
    public WitValue probePooled() {
        return pooledProbeRun.call(STDIO);
    }

    /**
     * The same lease in {@code reuse} isolation (nothing reset): what the lease itself costs; {@link #probePooled}
     * minus this is the reset and the guest's work to set itself up again from the snapshot (its stdio buffers).
     */
    @Benchmark
    public WitValue probePooledReuse() {
        return reusedProbeRun.call(STDIO);
    }
}
