package dev.witbox.benchmarks;

import dev.witbox.api.WasmPlugin;
import dev.witbox.benchmarks.typed.addgreet.AddGreet;
import dev.witbox.spring.WitboxAutoConfiguration;
import dev.witbox.spring.WitboxPlugins;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The Spring Boot starter's cost. {@code injected*}: a call through the interface {@code @WasmPlugin} injects
 * (a proxy that follows reloads) against {@code direct*}: the same call on the same plugin's
 * {@code PluginPool.bind} — the starter's overhead per call. {@code Startup.context}: a Spring context holding
 * the witbox auto-configuration with 1 or 10 small plugins (add-greet copies), compile cache warm, started and
 * closed — what witbox adds to an application's startup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SpringStarterBenchmark {

    /** What an application bean gets injected. */
    public static class Caller {
        final AddGreet addGreet;

        public Caller(@WasmPlugin("add-greet") AddGreet addGreet) {
            this.addGreet = addGreet;
        }
    }

    @State(Scope.Benchmark)
    public static class Calls {
        Path dir;
        AnnotationConfigApplicationContext context;
        AddGreet injected;
        AddGreet direct;

        @Setup
        public void setUp() {
            dir = pluginsFolder(1);
            context = context(dir, Caller.class);
            injected = context.getBean(Caller.class).addGreet;
            direct = context.getBean(WitboxPlugins.class).get("add-greet").pool().bind(AddGreet.class);
        }

        @TearDown
        public void tearDown() {
            context.close();
            delete(dir);
        }
    }

    @Benchmark
    public long injectedAdd(Calls s) {
        return s.injected.add(2, 3);
    }

    @Benchmark
    public long directAdd(Calls s) {
        return s.direct.add(2, 3);
    }

    @Benchmark
    public String injectedGreet(Calls s) {
        return s.injected.greet("Java");
    }

    @Benchmark
    public String directGreet(Calls s) {
        return s.direct.greet("Java");
    }

    @State(Scope.Benchmark)
    public static class Startup {
        @Param({"1", "10"})
        public int plugins;
        Path dir;

        @Setup
        public void setUp() {
            dir = pluginsFolder(plugins);
            context(dir).close(); // warms the compile cache
        }

        @TearDown
        public void tearDown() {
            delete(dir);
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 5, time = 2)
    public int contextStartup(Startup s) {
        try (AnnotationConfigApplicationContext context = context(s.dir)) {
            return context.getBean(WitboxPlugins.class).all().size();
        }
    }

    /** A folder with {@code plugins/} holding {@code n} copies of add-greet, and {@code cache/}. */
    static Path pluginsFolder(int n) {
        try {
            Path dir = Files.createTempDirectory("witbox-spring-bench");
            Files.createDirectories(dir.resolve("plugins"));
            byte[] bytes = Guests.bytes("add-greet.wasm");
            for (int i = 0; i < n; i++) {
                Files.write(dir.resolve("plugins").resolve(n == 1 ? "add-greet.wasm" : "add-greet-" + i + ".wasm"), bytes);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AnnotationConfigApplicationContext context(Path dir, Class<?>... beans) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("bench", Map.of(
                "witbox.plugins.locations", "file:" + dir.resolve("plugins") + "/",
                "witbox.compile-cache.directory", dir.resolve("cache").toString())));
        context.register(WitboxAutoConfiguration.class);
        if (beans.length > 0) {
            context.register(beans);
        }
        context.refresh();
        return context;
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
