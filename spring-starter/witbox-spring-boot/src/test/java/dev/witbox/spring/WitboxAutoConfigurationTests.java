package dev.witbox.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.runtime.WitboxEngine;
import dev.witbox.spring.actuate.WitboxActuatorAutoConfiguration;
import dev.witbox.spring.actuate.WitboxEndpoint;
import dev.witbox.spring.actuate.WitboxHealthIndicator;
import dev.witbox.spring.guests.addgreet.AddGreet;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** What the auto-configuration contributes, and the conditions under which it backs off. */
@ExtendWith(OutputCaptureExtension.class)
class WitboxAutoConfigurationTests {

    @TempDir
    Path tmp;

    @Test
    void anEngineAndEveryPluginOfTheDefaultClasspathLocationAreConfigured() {
        TestPlugins.runner().withPropertyValues("witbox.plugins.locations=classpath:/plugins/,file:./no-such-folder/")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(WitboxEngine.class).hasSingleBean(WitboxPlugins.class);
                    WitboxPlugins plugins = context.getBean(WitboxPlugins.class);
                    assertThat(plugins.all()).extracting(ManagedPlugin::name).containsExactly("add-greet");
                    ManagedPlugin addGreet = plugins.get("add-greet");
                    assertThat(addGreet.source()).endsWith("/plugins/add-greet.wasm");
                    assertThat(addGreet.sha256()).isEqualTo(ManagedPlugin.sha256(Files.readAllBytes(TestPlugins.guest("add-greet.wasm"))));
                    assertThat(addGreet.pool().bind(AddGreet.class).add(2, 3)).isEqualTo(5);
                });
    }

    @Test
    void theDefaultLocationsAreTheClasspathAndThePluginsFolder() {
        assertThat(new WitboxProperties().getPlugins().getLocations()).containsExactly("classpath:/plugins/", "file:./plugins/");
        new org.springframework.boot.test.context.runner.ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WitboxAutoConfiguration.class))
                .withPropertyValues("witbox.compile-cache.directory=" + TestPlugins.CACHE)
                .run(context -> assertThat(context.getBean(WitboxPlugins.class).get("add-greet")).isNotNull());
    }

    @Test
    void theCompileCacheIsOnByDefaultAndFilledInTheConfiguredDirectory() throws IOException {
        Path cache = tmp.resolve("cache");
        TestPlugins.runner().withPropertyValues("witbox.compile-cache.directory=" + cache).run(context -> {
            assertThat(context).hasNotFailed();
            try (Stream<Path> entries = Files.list(cache)) {
                assertThat(entries).isNotEmpty();
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rwx------");
        });
    }

    @Test
    void theCompileCacheCanBeTurnedOff() throws IOException {
        Path cache = tmp.resolve("off");
        TestPlugins.runner().withPropertyValues("witbox.compile-cache.directory=" + cache, "witbox.compile-cache.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(cache).doesNotExist();
                });
    }

    @Test
    void aCacheDirectoryOthersMayWriteIsRefusedWithOneWarningAndTheApplicationStillStarts(CapturedOutput output) throws IOException {
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        TestPlugins.runner().withPropertyValues("witbox.compile-cache.directory=" + shared).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(WitboxPlugins.class).get("add-greet")).isNotNull();
            try (Stream<Path> entries = Files.list(shared)) {
                assertThat(entries).as("nothing written to a directory others may write").isEmpty();
            }
        });
        assertThat(output).contains("witbox: the compile cache is off: refusing the compile cache directory " + shared
                + ": " + shared + " is writable by others (rwxrwxrwx)");
    }

    @Test
    void anEngineOfTheApplicationsOwnWins() {
        WitboxEngine own = WitboxEngine.builder().interpreted(true).build();
        TestPlugins.runner().withBean(WitboxEngine.class, () -> own).run(context -> {
            assertThat(context).hasSingleBean(WitboxEngine.class);
            assertThat(context.getBean(WitboxEngine.class)).isSameAs(own);
            assertThat(context.getBean(WitboxPlugins.class).get("add-greet").pool().bind(AddGreet.class).greet("own"))
                    .isEqualTo("Hello, own!");
        });
    }

    static final List<String> customized = new ArrayList<>();

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        @Bean
        @Order(2)
        WitboxEngineCustomizer second() {
            return b -> customized.add("second");
        }

        @Bean
        @Order(1)
        WitboxEngineCustomizer first() {
            return b -> customized.add("first");
        }
    }

    @Test
    void everyCustomizerIsAppliedInOrder() {
        customized.clear();
        TestPlugins.runner().withUserConfiguration(Customizers.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(customized).containsExactly("first", "second");
        });
    }

    @Test
    void noPluginAnywhereIsAnEmptyRegistry() {
        TestPlugins.runner().withPropertyValues("witbox.plugins.locations=file:" + tmp + "/")
                .run(context -> assertThat(context.getBean(WitboxPlugins.class).all()).isEmpty());
    }

    @Test
    void reloadIsOffByDefault() {
        TestPlugins.runner().run(context -> assertThat(context).doesNotHaveBean(ReloadWatcher.class));
        TestPlugins.runner().withPropertyValues("witbox.plugins.reload.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(ReloadWatcher.class));
    }

    @Test
    void actuatorBeansComeWithActuatorAndGoWithoutIt() {
        var runner = TestPlugins.runner()
                .withConfiguration(AutoConfigurations.of(WitboxActuatorAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=witbox");
        runner.run(context -> assertThat(context).hasSingleBean(WitboxEndpoint.class).hasSingleBean(WitboxHealthIndicator.class));
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.", "org.springframework.boot.health."))
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(WitboxEndpoint.class).doesNotHaveBean(WitboxHealthIndicator.class));
    }

    @Test
    void withoutMicrometerCallsAreNotObservedAndNothingFails() {
        TestPlugins.runner().withClassLoader(new FilteredClassLoader(ObservationRegistry.class, io.micrometer.core.instrument.MeterRegistry.class))
                .withUserConfiguration(InjectionTests.ConstructorInjected.class)
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(CallObserver.class);
                    assertThat(context.getBean(InjectionTests.ConstructorInjected.class).addGreet.add(1, 1)).isEqualTo(2);
                });
    }
}
