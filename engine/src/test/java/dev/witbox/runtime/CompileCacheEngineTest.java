package dev.witbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.api.value.WitValue;
import dev.witbox.internal.chicory.CompileCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code WitboxEngine.builder().compileCache(dir)}: engines, and whole processes, sharing compiled code. */
class CompileCacheEngineTest {

    private static final Path ADD_GREET = Guests.OUT.resolve("add-greet.wasm");
    private static final Path VALUES = Guests.OUT.resolve("values.wasm");

    @TempDir
    Path dir;

    @Test
    void aSecondEngineWithTheSameDirectoryDoesNotCompileAgainAndAnswersTheSame() {
        WitboxEngine first = WitboxEngine.builder().compileCache(dir).build();
        List<WitValue> fresh = calls(first.load(ADD_GREET));
        CompileCache.Stats compiled = first.compileCache().stats();
        assertThat(compiled.misses()).isPositive();
        assertThat(compiled.written()).isEqualTo(compiled.misses());
        assertThat(compiled.hits()).isZero();

        WitboxEngine second = WitboxEngine.builder().compileCache(dir).build();
        List<WitValue> cached = calls(second.load(ADD_GREET));
        assertThat(second.compileCache().stats()).isEqualTo(new CompileCache.Stats(compiled.misses(), 0, 0, 0, 0));
        assertThat(cached).isEqualTo(fresh).isEqualTo(calls(WitboxEngine.create().load(ADD_GREET)));
    }

    @Test
    void everyGuestCaseGivesTheSameResultFromTheCache() {
        WitboxEngine cold = WitboxEngine.builder().compileCache(dir).build();
        cold.load(VALUES);
        WitboxEngine warm = WitboxEngine.builder().compileCache(dir).build();
        Plugin cached = warm.load(VALUES);
        assertThat(warm.compileCache().stats().misses()).isZero();
        assertThat(warm.compileCache().stats().hits()).isEqualTo(cold.compileCache().stats().misses());

        Guests.assertEveryCaseAnswersAsCompiledHere("values", cached);
    }

    @Test
    void anInterpretingEngineLeavesTheDirectoryAlone() throws IOException {
        WitboxEngine engine = WitboxEngine.builder().interpreted(true).compileCache(dir).build();
        calls(engine.load(ADD_GREET));
        assertThat(engine.compileCache()).isNull();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void twoProcessesCompilingAtOnceBothAnswerAndLeaveEntriesAThirdLoads() throws Exception {
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CompileCacheChild.class.getName(),
                    dir.toString(), ADD_GREET.toString())
                    .redirectErrorStream(true).start());
        }
        for (Process process : processes) {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("greet=Hello, process!");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no temporary file left behind")
                    .allMatch(f -> f.getFileName().toString().endsWith(".chicory"));
        }

        WitboxEngine third = WitboxEngine.builder().compileCache(dir).build();
        assertThat(calls(third.load(ADD_GREET))).isEqualTo(calls(WitboxEngine.create().load(ADD_GREET)));
        assertThat(third.compileCache().stats().misses()).isZero();
        assertThat(third.compileCache().stats().hits()).isPositive();
    }

    private static List<WitValue> calls(Plugin plugin) {
        try (PluginInstance instance = plugin.instantiate()) {
            return List.of(instance.call("add", new WitValue.U32(40), new WitValue.U32(2)),
                    instance.call("greet", new WitValue.Str("cache")));
        }
    }
}
