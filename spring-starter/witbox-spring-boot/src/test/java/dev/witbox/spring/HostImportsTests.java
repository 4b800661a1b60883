package dev.witbox.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.api.Result;
import dev.witbox.api.WasmPlugin;
import dev.witbox.spring.guests.catalog.Catalog;
import dev.witbox.spring.guests.catalog.Shop;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.MapPropertySource;

/** A bean implementing a generated import interface is what every plugin importing that WIT interface calls. */
class HostImportsTests {

    /** A catalog of a few items, named so that a test sees which bean answered. */
    static class MemoryCatalog implements Catalog {
        final String label;

        MemoryCatalog() {
            this("main");
        }

        MemoryCatalog(String label) {
            this.label = label;
        }

        @Override
        public Optional<Item> lookup(long id) {
            return id == 1 ? Optional.of(new Item(1, label + " hammer", 1999, List.of("tool", "steel"))) : Optional.empty();
        }

        @Override
        public Result<Long, String> reserve(long id, long quantity) {
            return id == 1 ? Result.ok(1000 + quantity) : Result.err("no item " + id);
        }
    }

    static class Checkout {
        final Shop shop;

        Checkout(@WasmPlugin("catalog") Shop shop) {
            this.shop = shop;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OneCatalog {
        @Bean
        Catalog catalog() {
            return new MemoryCatalog();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PrimaryCatalog {
        @Bean
        @Primary
        Catalog primaryCatalog() {
            return new MemoryCatalog("primary");
        }

        @Bean
        Catalog otherCatalog() {
            return new MemoryCatalog("other");
        }
    }

    private static ApplicationContextRunner runner() {
        return TestPlugins.runner()
                .withPropertyValues("witbox.plugins.instances.catalog.source=classpath:/guests/imports/catalog.wasm")
                .withBean(Checkout.class);
    }

    @Test
    void theGuestsImportCallsReachTheBeanAndItsAnswersComeBack() {
        runner().withUserConfiguration(OneCatalog.class).run(context -> {
            Shop shop = context.getBean(Checkout.class).shop;
            assertThat(shop.describe(1)).contains("main hammer [tool,steel]");
            assertThat(shop.describe(2)).isEmpty();
            assertThat(shop.checkout(1, 3)).isEqualTo(Result.ok(1003L));
            assertThat(shop.checkout(7, 1)).isEqualTo(Result.err("catalog: no item 7"));
        });
    }

    @Test
    void ofTwoCandidatesThePrimaryOneIsLinked() {
        runner().withUserConfiguration(PrimaryCatalog.class).run(context ->
                assertThat(context.getBean(Checkout.class).shop.describe(1)).contains("primary hammer [tool,steel]"));
    }

    @Test
    void aPropertyChoosesTheBeanByName() {
        runner().withUserConfiguration(PrimaryCatalog.class)
                // (a key with ':' cannot go through withPropertyValues, which splits at the first ':' or '=')
                .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("witbox-imports",
                        Map.of("witbox.plugins.instances.catalog.imports.[host:app/catalog@0.1.0]", "otherCatalog"))))
                .run(context -> assertThat(context.getBean(Checkout.class).shop.describe(1)).contains("other hammer [tool,steel]"));
    }

    @Test
    void theSameBeanServesEveryPluginImportingTheInterface() {
        runner().withUserConfiguration(OneCatalog.class)
                .withPropertyValues("witbox.plugins.instances.catalog2.source=classpath:/guests/imports/catalog.wasm")
                .run(context -> {
                    WitboxPlugins plugins = context.getBean(WitboxPlugins.class);
                    for (String name : List.of("catalog", "catalog2")) {
                        assertThat(plugins.get(name).pool().bind(Shop.class).describe(1)).as(name).contains("main hammer [tool,steel]");
                    }
                });
    }
}
