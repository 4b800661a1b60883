package dev.witbox.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.api.WasmPlugin;
import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginPool;
import dev.witbox.spring.guests.addgreet.AddGreet;
import dev.witbox.spring.guests.poolprobe.PoolProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code @WasmPlugin} on every kind of injection point, for generated interfaces, Plugin and PluginPool. */
class InjectionTests {

    static class ConstructorInjected {
        final AddGreet addGreet;

        ConstructorInjected(@WasmPlugin("add-greet") AddGreet addGreet) {
            this.addGreet = addGreet;
        }
    }

    static class FieldInjected {
        @WasmPlugin("add-greet")
        AddGreet alone;

        @Autowired
        @WasmPlugin("add-greet")
        AddGreet autowired;

        @WasmPlugin("pool-probe")
        private PoolProbe privateField;
    }

    record Greeter(AddGreet addGreet) {}

    @Configuration(proxyBeanMethods = false)
    static class BeanMethodInjected {
        @Bean
        Greeter greeter(@WasmPlugin("add-greet") AddGreet addGreet) {
            return new Greeter(addGreet);
        }
    }

    static class HandlesInjected {
        final Plugin plugin;
        final PluginPool pool;

        HandlesInjected(@WasmPlugin("add-greet") Plugin plugin, @WasmPlugin("add-greet") PluginPool pool) {
            this.plugin = plugin;
            this.pool = pool;
        }
    }

    static class UnnamedInjected {
        final AddGreet addGreet;
        final PoolProbe probe;

        UnnamedInjected(@WasmPlugin AddGreet addGreet, @WasmPlugin PoolProbe probe) {
            this.addGreet = addGreet;
            this.probe = probe;
        }
    }

    private static org.springframework.boot.test.context.runner.ApplicationContextRunner twoPlugins() {
        return TestPlugins.runner().withPropertyValues(
                "witbox.plugins.instances.pool-probe.source=classpath:/guests/pool-probe.wasm");
    }

    @Test
    void aConstructorParameterGetsThePoolBackedInterface() {
        TestPlugins.runner().withBean(ConstructorInjected.class).run(context -> {
            AddGreet addGreet = context.getBean(ConstructorInjected.class).addGreet;
            assertThat(addGreet.add(2, 3)).isEqualTo(5);
            assertThat(addGreet.greet("Spring")).isEqualTo("Hello, Spring!");
            assertThat(addGreet.toString()).isEqualTo("AddGreet of plugin 'add-greet'");
        });
    }

    @Test
    void fieldsAreInjectedWithOrWithoutAutowiredPrivateOrNot() {
        twoPlugins().withBean(FieldInjected.class).run(context -> {
            FieldInjected bean = context.getBean(FieldInjected.class);
            assertThat(bean.alone.add(40, 2)).isEqualTo(42);
            assertThat(bean.autowired.greet("field")).isEqualTo("Hello, field!");
            assertThat(bean.privateField.square(12)).isEqualTo(144);
            assertThat(bean.alone).as("one proxy per plugin and interface").isSameAs(bean.autowired);
        });
    }

    @Test
    void aBeanMethodParameterIsInjected() {
        TestPlugins.runner().withUserConfiguration(BeanMethodInjected.class).run(context ->
                assertThat(context.getBean(Greeter.class).addGreet().greet("bean")).isEqualTo("Hello, bean!"));
    }

    @Test
    void pluginAndPluginPoolAreInjectable() {
        TestPlugins.runner().withBean(HandlesInjected.class).run(context -> {
            HandlesInjected bean = context.getBean(HandlesInjected.class);
            WitboxPlugins plugins = context.getBean(WitboxPlugins.class);
            assertThat(bean.plugin).isSameAs(plugins.get("add-greet").plugin());
            assertThat(bean.pool).isSameAs(plugins.get("add-greet").pool());
            assertThat(bean.plugin.id()).isEqualTo("add-greet");
        });
    }

    @Test
    void withoutANameThePluginThatImplementsTheInterfaceIsInjected() {
        twoPlugins().withBean(UnnamedInjected.class).run(context -> {
            UnnamedInjected bean = context.getBean(UnnamedInjected.class);
            assertThat(bean.addGreet.add(1, 2)).isEqualTo(3);
            assertThat(bean.probe.square(3)).isEqualTo(9);
        });
    }

    @Test
    void anInjectedInterfaceIsSafeToCallFromManyThreads() {
        TestPlugins.runner().withBean(ConstructorInjected.class).run(context -> {
            AddGreet addGreet = context.getBean(ConstructorInjected.class).addGreet;
            ExecutorService threads = Executors.newFixedThreadPool(16);
            try {
                List<Callable<Boolean>> calls = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    int id = t;
                    calls.add(() -> {
                        for (int i = 0; i < 200; i++) {
                            if (addGreet.add(id, i) != id + i || !addGreet.greet("t" + id + "-" + i).equals("Hello, t" + id + "-" + i + "!")) {
                                return false;
                            }
                        }
                        return true;
                    });
                }
                for (Future<Boolean> f : threads.invokeAll(calls)) {
                    assertThat(f.get()).isTrue();
                }
            } finally {
                threads.shutdown();
            }
            assertThat(context.getBean(WitboxPlugins.class).get("add-greet").stats().calls()).isEqualTo(16 * 200 * 2);
        });
    }
}
