package dev.witbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build-time route: a plugin's core modules compiled into a classes directory ({@link BuildTimeCompiler}),
 * then found on the class path by an engine, which loads them without compiling.
 */
class BuildTimeCompilerTest {

    private static final Path ADD_GREET = Guests.OUT.resolve("add-greet.wasm");
    private static final Path VALUES = Guests.OUT.resolve("values.wasm");
    /** Recurses (its core module has calls the call-depth limit counts, so it is rewritten with the limit). */
    private static final Path POOL_PROBE = Guests.OUT.resolve("pool-probe.wasm");

    @TempDir
    Path classes;
    @TempDir
    Path cache;

    @Test
    void aPluginCompiledAtBuildTimeLoadsWithoutInvokingTheCompiler() {
        List<Path> entries = precompile(ADD_GREET, WitboxEngine.DEFAULT_MAX_CALL_DEPTH);
        assertThat(entries).isNotEmpty().allSatisfy(e -> {
            assertThat(e).isRegularFile();
            assertThat(classes.relativize(e).toString().replace('\\', '/')).startsWith("META-INF/witbox/compiled/");
        });

        WitboxEngine engine = WitboxEngine.builder().buildTimeClasses(loaderOf(classes)).build();
        List<WitValue> answers = calls(engine.load(ADD_GREET));
        assertThat(engine.compileStats()).isEqualTo(new WitboxEngine.CompileStats(0, entries.size(), 0, 0));
        assertThat(answers).isEqualTo(calls(WitboxEngine.builder().buildTimeClasses(null).build().load(ADD_GREET)));
    }

    @Test
    void buildTimeClassesComeBeforeTheCompileCacheWhichIsNotTouched() throws IOException {
        List<Path> entries = precompile(ADD_GREET, WitboxEngine.DEFAULT_MAX_CALL_DEPTH);
        WitboxEngine engine = WitboxEngine.builder().buildTimeClasses(loaderOf(classes)).compileCache(cache).build();
        calls(engine.load(ADD_GREET));
        assertThat(engine.compileStats().fromBuildTime()).isEqualTo(entries.size());
        assertThat(engine.compileCache().stats().hits() + engine.compileCache().stats().misses()).isZero();
        try (var files = Files.list(cache)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void everyGuestCaseAnswersTheSameFromBuildTimeClasses() {
        precompile(VALUES, WitboxEngine.DEFAULT_MAX_CALL_DEPTH);
        WitboxEngine engine = WitboxEngine.builder().buildTimeClasses(loaderOf(classes)).build();
        Plugin precompiled = engine.load(VALUES);
        assertThat(engine.compileStats().compiled()).isZero();

        Guests.assertEveryCaseAnswersAsCompiledHere("values", precompiled);
    }

    @Test
    void anEntryOfAnotherModuleUnderThisModulesNameIsIgnoredAndTheModuleCompiled() throws IOException {
        List<Path> addGreet = precompile(ADD_GREET, WitboxEngine.DEFAULT_MAX_CALL_DEPTH);
        Path values = precompile(VALUES, WitboxEngine.DEFAULT_MAX_CALL_DEPTH).get(0);
        for (Path entry : addGreet) {
            Files.copy(values, entry, java.nio.file.StandardCopyOption.REPLACE_EXISTING); // a stale or swapped entry
        }

        WitboxEngine engine = WitboxEngine.builder().buildTimeClasses(loaderOf(classes)).build();
        List<WitValue> answers = calls(engine.load(ADD_GREET));
        assertThat(engine.compileStats())
                .isEqualTo(new WitboxEngine.CompileStats(addGreet.size(), 0, 0, addGreet.size()));
        assertThat(answers).isEqualTo(calls(WitboxEngine.builder().buildTimeClasses(null).build().load(ADD_GREET)));
    }

    @Test
    void aTruncatedEntryIsIgnoredAndTheModuleCompiled() throws IOException {
        List<Path> entries = precompile(ADD_GREET, WitboxEngine.DEFAULT_MAX_CALL_DEPTH);
        for (Path entry : entries) {
            byte[] whole = Files.readAllBytes(entry);
            Files.write(entry, Arrays.copyOf(whole, whole.length / 2));
        }
        WitboxEngine engine = WitboxEngine.builder().buildTimeClasses(loaderOf(classes)).build();
        calls(engine.load(ADD_GREET));
        assertThat(engine.compileStats().compiled()).isEqualTo(entries.size());
        assertThat(engine.compileStats().buildTimeIgnored()).isEqualTo(entries.size());
    }

    @Test
    void anEngineWithAnotherCallDepthLimitFindsNoEntryAndCompiles() {
        precompile(POOL_PROBE, 500);
        WitboxEngine engine = WitboxEngine.builder().buildTimeClasses(loaderOf(classes)).build();
        WitValue answer = recurse(engine.load(POOL_PROBE));
        // entries are found by the module as shipped and the limit asked for: another limit names other entries
        assertThat(engine.compileStats().compiled()).isPositive();
        assertThat(engine.compileStats().buildTimeIgnored()).isZero();
        assertThat(answer).isEqualTo(recurse(WitboxEngine.builder().buildTimeClasses(null).build().load(POOL_PROBE)));

        WitboxEngine sameLimit = WitboxEngine.builder().maxCallDepth(500).buildTimeClasses(loaderOf(classes)).build();
        recurse(sameLimit.load(POOL_PROBE));
        assertThat(sameLimit.compileStats().compiled()).isZero();
    }

    @Test
    void aModuleTheLimitLeavesAloneIsFoundUnderTheLimitItWasBuiltWith() {
        // add-greet's calls all enter closed call trees (malloc, memcpy): nothing to count, nothing rewritten; its
        // entry is still the limit's (finding it needs no scan of the module's code, which would cost a large one)
        precompile(ADD_GREET, 500);
        WitboxEngine sameLimit = WitboxEngine.builder().maxCallDepth(500).buildTimeClasses(loaderOf(classes)).build();
        calls(sameLimit.load(ADD_GREET));
        assertThat(sameLimit.compileStats().compiled()).isZero();
        assertThat(sameLimit.compileStats().fromBuildTime()).isPositive();

        WitboxEngine otherLimit = WitboxEngine.builder().buildTimeClasses(loaderOf(classes)).build();
        calls(otherLimit.load(ADD_GREET));
        assertThat(otherLimit.compileStats().compiled()).isPositive();
    }

    @Test
    void anEngineToldNotToLookCompilesEvenWithEntriesOnItsClassPath() {
        precompile(ADD_GREET, WitboxEngine.DEFAULT_MAX_CALL_DEPTH);
        ClassLoader withEntries = loaderOf(classes);
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        thread.setContextClassLoader(withEntries);
        try {
            WitboxEngine byDefault = WitboxEngine.create(); // looks through the context class loader
            calls(byDefault.load(ADD_GREET));
            assertThat(byDefault.compileStats().compiled()).isZero();

            WitboxEngine notLooking = WitboxEngine.builder().buildTimeClasses(null).build();
            calls(notLooking.load(ADD_GREET));
            assertThat(notLooking.compileStats().fromBuildTime()).isZero();
            assertThat(notLooking.compileStats().compiled()).isPositive();
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    @Test
    void aSecondBuildFindsTheEntriesUpToDateAndRewritesNothing() throws IOException {
        List<Path> first = precompile(ADD_GREET, WitboxEngine.DEFAULT_MAX_CALL_DEPTH);
        FileTime long_ago = FileTime.fromMillis(0);
        for (Path entry : first) {
            Files.setLastModifiedTime(entry, long_ago);
        }
        List<Path> second = precompile(ADD_GREET, WitboxEngine.DEFAULT_MAX_CALL_DEPTH);
        assertThat(second).isEqualTo(first);
        for (Path entry : second) {
            assertThat(Files.getLastModifiedTime(entry)).isEqualTo(long_ago);
        }
    }

    @Test
    void aPluginThatDoesNotLoadFailsTheBuildTimeCompileAsItWouldFailTheLoad() {
        assertThatThrownBy(() -> BuildTimeCompiler.compile("broken", new byte[] {0, 'a', 's', 'm', 9, 9, 9, 9},
                WitboxEngine.DEFAULT_MAX_CALL_DEPTH, classes))
                .isInstanceOf(WitboxException.class);
    }

    private List<Path> precompile(Path plugin, int maxCallDepth) {
        try {
            return BuildTimeCompiler.compile("plugin", Files.readAllBytes(plugin), maxCallDepth, classes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What an application's class path is to the engine: here, just the classes directory. */
    private static ClassLoader loaderOf(Path directory) {
        try {
            return new URLClassLoader(new URL[] {directory.toUri().toURL()}, null);
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WitValue recurse(Plugin plugin) {
        try (PluginInstance instance = plugin.instantiate()) {
            return instance.call("recurse", new WitValue.U32(20));
        }
    }

    private static List<WitValue> calls(Plugin plugin) {
        try (PluginInstance instance = plugin.instantiate()) {
            return List.of(instance.call("add", new WitValue.U32(40), new WitValue.U32(2)),
                    instance.call("greet", new WitValue.Str("build time")));
        }
    }
}
