package dev.witbox.benchmarks;

import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginInstance;
import dev.witbox.runtime.WitboxEngine;
import dev.witbox.wasi.Wasi;
import dev.witbox.wasi.WasiContext;
import dev.witbox.wasi.WasiPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading a plugin (decode, plan, compile every core module) and the time to its first completed
 * call, for components of very different sizes: add-greet (C, 14 KB), values (Rust, 104 KB) and
 * js-hello (componentize-js, about 12 MB, built on demand by {@code tests/guests/build.sh --js-hello};
 * its path comes from the system property {@code witbox.jsHello}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class LoadBenchmark {

    @Param({"add-greet", "values", "js-hello"})
    public String guest;

    private byte[] bytes;

    @Setup(Level.Trial)
    public void read() throws IOException {
        if (guest.equals("js-hello")) {
            Path path = Path.of(System.getProperty("witbox.jsHello", "tests/guests/build/js-hello/js-hello.wasm"));
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("js-hello is not built: run tests/guests/build.sh --js-hello (looked for " + path + ")");
            }
            bytes = Files.readAllBytes(path);
        } else {
            bytes = Guests.bytes(guest + ".wasm");
        }
    }

    /** Decode, plan and compile: what {@code WitboxEngine.load} does once per plugin. */
    @Benchmark
    public Plugin load() {
        return WitboxEngine.create().load(guest, bytes);
    }

    /** From bytes to the first completed call: load, instantiate, call. */
    @Benchmark
    public WitValue loadToFirstCall() {
        Plugin plugin = WitboxEngine.create().load(guest, bytes);
        if (guest.equals("js-hello")) {
            // componentize-js with default features imports WASI: link it, granting nothing
            try (WasiContext wasi = Wasi.context(plugin, WasiPolicy.denyAll());
                    PluginInstance instance = plugin.instantiate(wasi.imports())) {
                return instance.call("greet", new WitValue.Str("Java"));
            }
        }
        try (PluginInstance instance = plugin.instantiate()) {
            return switch (guest) {
                case "values" -> instance.call("demo:values/echo@0.1.0#echo-bool", new WitValue.Bool(true));
                default -> instance.call("greet", new WitValue.Str("Java"));
            };
        }
    }
}
