package dev.witbox.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.api.WasmPlugin;
import dev.witbox.spring.guests.addgreet.AddGreet;
import dev.witbox.spring.guests.catalog.Catalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every way a plugin can fail to be set up stops startup with one report naming the plugin, the file (or bean,
 * or injection point) and the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTests {

    @TempDir
    Path tmp;

    /** Runs {@code runner}, expects the context to fail on a WitboxStartupException and hands over its analysis. */
    private static void failsWith(ApplicationContextRunner runner, Consumer<FailureAnalysis> check) {
        runner.run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new WitboxFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).as("a WitboxStartupException in %s", context.getStartupFailure()).isNotNull();
            check.accept(analysis);
        });
    }

    @Test
    void twoPluginsWithOneNameNameBothFiles() {
        Path a = TestPlugins.copy("add-greet.wasm", tmp.resolve("a"), "x.wasm");
        Path b = TestPlugins.copy("pool-probe.wasm", tmp.resolve("b"), "x.wasm");
        failsWith(TestPlugins.runner().withPropertyValues("witbox.plugins.locations=file:" + tmp + "/a/,file:" + tmp + "/b/"), f -> {
            assertThat(f.getDescription()).isEqualTo("Two plugins are named 'x': " + a.toUri().toString().replace("file:///", "file:/")
                    + " and " + b.toUri().toString().replace("file:///", "file:/") + ".");
            assertThat(f.getAction()).contains("Rename or remove one of the files", "witbox.plugins.instances.x.source");
        });
    }

    @Test
    void anExplicitSourceSettlesTwoFilesOfOneName() {
        TestPlugins.copy("add-greet.wasm", tmp.resolve("a"), "x.wasm");
        Path b = TestPlugins.copy("pool-probe.wasm", tmp.resolve("b"), "x.wasm");
        TestPlugins.runner().withPropertyValues("witbox.plugins.locations=file:" + tmp + "/a/,file:" + tmp + "/b/",
                "witbox.plugins.instances.x.source=file:" + b).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(WitboxPlugins.class).get("x").source()).endsWith("/b/x.wasm");
                });
    }

    @Test
    void anInstanceWithoutASourceOrAFileSaysWhereItLooked() {
        failsWith(TestPlugins.runner().withPropertyValues("witbox.plugins.instances.ghost.pool.max-size=2"), f -> {
            assertThat(f.getDescription()).isEqualTo("Plugin 'ghost' is configured under witbox.plugins.instances.ghost"
                    + " but has no source: no ghost.wasm was found in [classpath:/plugins/].");
            assertThat(f.getAction()).isEqualTo("Set witbox.plugins.instances.ghost.source to its file (file:./plugins/ghost.wasm),"
                    + " or put ghost.wasm in one of the locations.");
        });
    }

    @Test
    void aSourceThatDoesNotExistIsNamed() {
        failsWith(TestPlugins.runner().withPropertyValues("witbox.plugins.instances.gone.source=file:" + tmp + "/gone.wasm"), f -> {
            assertThat(f.getDescription()).isEqualTo("Plugin 'gone': its source file:" + tmp + "/gone.wasm does not exist.");
            assertThat(f.getAction()).contains("witbox.plugins.instances.gone.source");
        });
    }

    @Test
    void aFileThatIsNotAComponentIsNamedWithTheDecodersReason() throws Exception {
        Files.writeString(tmp.resolve("notes.wasm"), "these are not the bytes you are looking for");
        failsWith(TestPlugins.runner().withPropertyValues("witbox.plugins.locations=file:" + tmp + "/"), f -> {
            assertThat(f.getDescription()).startsWith("Plugin 'notes': file:" + tmp + "/notes.wasm is not a WebAssembly component witbox can load: ");
            assertThat(f.getAction()).contains("wasm-tools component new", "remove it from the plugin locations");
        });
    }

    @Test
    void aDigestMismatchNamesBothDigests() {
        String zeros = "0".repeat(64);
        failsWith(TestPlugins.runner().withPropertyValues("witbox.plugins.instances.add-greet.sha256=" + zeros), f -> {
            String actual = ManagedPlugin.sha256(read("add-greet.wasm"));
            assertThat(f.getDescription()).endsWith("/plugins/add-greet.wasm has sha256 " + actual
                    + ", but witbox.plugins.instances.add-greet.sha256 pins " + zeros + ".");
            assertThat(f.getDescription()).startsWith("Plugin 'add-greet': ");
        });
    }

    @Test
    void aDigestThatIsNotHexIsRefused() {
        failsWith(TestPlugins.runner().withPropertyValues("witbox.plugins.instances.add-greet.sha256=abc"), f ->
                assertThat(f.getDescription()).isEqualTo("Plugin 'add-greet' pins sha256 'abc', which is not 64 hex digits."));
    }

    @Test
    void anImportNoBeanImplementsNamesThePluginAndTheWitInterface() {
        failsWith(catalogRunner(), f -> {
            assertThat(f.getDescription()).isEqualTo("Plugin 'catalog' imports WIT interface host:app/catalog@0.1.0"
                    + " (lookup, reserve), and no bean implements it.");
            assertThat(f.getAction()).contains("@WitInterface(\"host:app/catalog@0.1.0\")");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoCatalogs {
        @Bean
        Catalog mainCatalog() {
            return new HostImportsTests.MemoryCatalog();
        }

        @Bean
        Catalog backupCatalog() {
            return new HostImportsTests.MemoryCatalog();
        }
    }

    @Test
    void twoBeansForOneImportAreBothNamed() {
        failsWith(catalogRunner().withUserConfiguration(TwoCatalogs.class), f -> {
            assertThat(f.getDescription()).isEqualTo("Plugin 'catalog' imports WIT interface host:app/catalog@0.1.0, and 2 beans"
                    + " implement it: 'mainCatalog' (" + Catalog.class.getName() + ") and 'backupCatalog' (" + Catalog.class.getName() + ").");
            assertThat(f.getAction()).isEqualTo("Mark one @Primary, or choose one: witbox.plugins.instances.catalog.imports."
                    + "[host:app/catalog@0.1.0]=mainCatalog.");
        });
    }

    static class WrongInterface {
        WrongInterface(@WasmPlugin("pool-probe") AddGreet addGreet) {}
    }

    @Test
    void anInterfaceThePluginDoesNotExportFailsWithBothSignatures() {
        failsWith(TestPlugins.runner().withPropertyValues("witbox.plugins.instances.pool-probe.source=classpath:/guests/pool-probe.wasm")
                .withBean(WrongInterface.class), f -> {
                    assertThat(f.getDescription()).startsWith("Parameter 0 of " + WrongInterface.class.getName()
                            + " constructor: plugin 'pool-probe' (");
                    assertThat(f.getDescription()).contains("does not implement " + AddGreet.class.getName(),
                            "func(a: u32, b: u32) -> u32");
                    assertThat(f.getAction()).contains("Regenerate AddGreet from the plugin's WIT");
                });
    }

    static class Unnamed {
        Unnamed(@WasmPlugin AddGreet addGreet) {}
    }

    @Test
    void anUnnamedInjectionTwoPluginsFitListsThem() {
        failsWith(TestPlugins.runner().withPropertyValues("witbox.plugins.instances.embedded.source=classpath:/guests/add-greet.embed.wasm")
                .withBean(Unnamed.class), f -> {
                    assertThat(f.getDescription()).isEqualTo("Parameter 0 of " + Unnamed.class.getName() + " constructor asks for the"
                            + " plugin implementing " + AddGreet.class.getName() + ", and 2 do: add-greet, embedded (plugins: [add-greet, embedded]).");
                    assertThat(f.getAction()).isEqualTo("Name one: @WasmPlugin(\"add-greet\").");
                });
    }

    static class UnknownName {
        @WasmPlugin("nope")
        AddGreet addGreet;
    }

    @Test
    void anUnknownPluginNameListsThePlugins() {
        failsWith(TestPlugins.runner().withBean(UnknownName.class), f ->
                assertThat(f.getDescription()).isEqualTo("Field " + UnknownName.class.getName() + ".addGreet asks for plugin 'nope',"
                        + " and there is none; plugins: add-greet."));
    }

    static class NotGenerated {
        NotGenerated(@WasmPlugin("add-greet") Runnable r) {}
    }

    @Test
    void aTypeThatIsNotGeneratedIsRefused() {
        failsWith(TestPlugins.runner().withBean(NotGenerated.class), f ->
                assertThat(f.getDescription()).contains("its type java.lang.Runnable is neither an interface generated from WIT"));
    }

    @Test
    void aPreopenThatIsNotADirectoryFailsNamingIt() {
        failsWith(TestPlugins.runner().withPropertyValues(
                "witbox.plugins.instances.probe.source=classpath:/guests/wasi/wasi-probe.wasm",
                "witbox.plugins.instances.probe.capabilities.preopens[0].host=" + tmp + "/missing",
                "witbox.plugins.instances.probe.capabilities.preopens[0].guest=/data"), f ->
                assertThat(f.getDescription()).startsWith("Plugin 'probe' (").contains("cannot be linked", tmp + "/missing"));
    }

    @ImportAutoConfiguration(WitboxAutoConfiguration.class)
    @Configuration(proxyBeanMethods = false)
    static class App {}

    @Test
    void springBootPrintsOneReportWithTheDescriptionAndTheAction(CapturedOutput output) {
        try {
            new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
                    .properties("witbox.compile-cache.directory=" + TestPlugins.CACHE,
                            "witbox.plugins.locations=classpath:/plugins/", "witbox.plugins.instances.ghost.call-timeout=1s")
                    .run();
        } catch (RuntimeException expected) {
            // reported below
        }
        assertThat(output).contains("APPLICATION FAILED TO START", "Plugin 'ghost' is configured under witbox.plugins.instances.ghost",
                "Action:", "Set witbox.plugins.instances.ghost.source to its file");
    }

    private static ApplicationContextRunner catalogRunner() {
        return TestPlugins.runner().withPropertyValues("witbox.plugins.instances.catalog.source=classpath:/guests/imports/catalog.wasm");
    }

    private static byte[] read(String guest) {
        try {
            return Files.readAllBytes(TestPlugins.guest(guest));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
