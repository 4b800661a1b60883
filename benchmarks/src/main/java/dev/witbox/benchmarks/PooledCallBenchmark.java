package dev.witbox.benchmarks;

import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.Isolation;
import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginPool;
import dev.witbox.runtime.PoolOptions;
import dev.witbox.runtime.PooledFunction;
import dev.witbox.runtime.WitboxEngine;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.extism.sdk.chicory.Manifest;
import org.extism.sdk.chicory.ManifestWasm;
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
 * {@code greet(string) -> string} of add-greet through a {@code fresh} pool (borrow, call, give back and
 * reset, for every call), to compare with a call on an instance already held
 * ({@link CallOverheadBenchmark#greetWitbox}); and the peer: the same greet, written
 * to Extism's plugin ABI ({@code extism-greet.core.wasm}), through Extism's pure-Java SDK on Chicory (its
 * compiler, as witbox uses), per call on a plugin already instantiated.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PooledCallBenchmark {

    private static final WitValue JAVA = new WitValue.Str("Java");
    private static final byte[] JAVA_UTF8 = "Java".getBytes(StandardCharsets.UTF_8);

    private PluginPool pool;
    private PooledFunction pooledGreet;
    private PluginPool reusePool;
    private PooledFunction reuseGreet;
    private org.extism.sdk.chicory.Plugin extism;

    @Setup
    public void setUp() {
        Plugin plugin = WitboxEngine.create().load("add-greet", Guests.bytes("add-greet.wasm"));
        pool = plugin.pool(PoolOptions.builder().minIdle(1).build());
        pooledGreet = pool.function("greet");
        reusePool = plugin.pool(PoolOptions.builder().minIdle(1).isolation(Isolation.REUSE).build());
        reuseGreet = reusePool.function("greet");
        extism = extismGreet();
    }

    /** The peer plugin, compiled by Chicory's compiler and instantiated once. */
    static org.extism.sdk.chicory.Plugin extismGreet() {
        Manifest manifest = Manifest.ofWasms(ManifestWasm.fromBytes(Guests.bytes("extism-greet.core.wasm")).build())
                .withOptions(new Manifest.Options().withAoT())
                .build();
        return org.extism.sdk.chicory.Plugin.ofManifest(manifest).build();
    }

    @TearDown
    public void tearDown() {
        pool.close();
        reusePool.close();
    }

    @Benchmark
    public String greetPooled() {
        return ((WitValue.Str) pool.call("greet", JAVA)).value();
    }

    @Benchmark
    public String greetPooledPrepared() {
        return ((WitValue.Str) pooledGreet.call(JAVA)).value();
    }

    /** The pool's own cost without the reset: a {@code reuse} pool keeps the instance's state. */
    @Benchmark
    public String greetPooledReuse() {
        return ((WitValue.Str) reuseGreet.call(JAVA)).value();
    }

    @Benchmark
    public String greetExtism() {
        return new String(extism.call("greet", JAVA_UTF8), StandardCharsets.UTF_8);
    }
}
