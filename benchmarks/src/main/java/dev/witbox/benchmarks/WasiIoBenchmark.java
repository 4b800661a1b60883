package dev.witbox.benchmarks;

import dev.witbox.api.PluginTrapException;
import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginInstance;
import dev.witbox.runtime.WitboxEngine;
import dev.witbox.wasi.Wasi;
import dev.witbox.wasi.WasiCommand;
import dev.witbox.wasi.WasiContext;
import dev.witbox.wasi.WasiPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * A WASI-heavy run (tests/guests/wasi-io: 10 MB to stdout in 4 KB writes, then a 10 MB file read
 * whole), each time on a fresh instance with fresh WASI state: the C program as a component through
 * the preview1 command adapter on witbox's WASI 0.2 host, against the same program as a plain wasip1
 * core module on Chicory's own WASI preview 1 (through {@link WasiCommand}, which confines its paths).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(1)
public class WasiIoBenchmark {

    private Path dir;
    private WasiPolicy policy;
    private Plugin component;
    private String run;
    private WasiCommand core;

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("witbox-wasi-io");
        byte[] big = new byte[10 * 1024 * 1024];
        new java.util.Random(1).nextBytes(big);
        Files.write(dir.resolve("big.bin"), big);
        policy = WasiPolicy.builder().preopen(dir, "/data", WasiPolicy.Access.READ_ONLY).build();
        component = WitboxEngine.create().load("wasi-io", Guests.bytes("wasi/wasi-io.wasm"));
        run = component.exports().stream().filter(f -> f.name().endsWith("#run")).findFirst().orElseThrow().name();
        core = WasiCommand.load("wasi-io", Guests.bytes("wasi/wasi-io.p1.wasm"));
        if (!componentOnWasi02().equals(new WitValue.Result(true, null)) || coreOnChicoryWasi() != 0) {
            throw new IllegalStateException("wasi-io failed: it did not write and read 10 MB");
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public WitValue componentOnWasi02() {
        try (WasiContext wasi = Wasi.context(component, policy);
                PluginInstance instance = component.instantiate(wasi.imports())) {
            return instance.call(run);
        } catch (PluginTrapException e) {
            throw new IllegalStateException("wasi-io exited early", e);
        }
    }

    @Benchmark
    public int coreOnChicoryWasi() {
        return core.run(policy).exitCode();
    }
}
