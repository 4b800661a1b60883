package dev.witbox.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.WasmPlugin;
import dev.witbox.api.WitboxException;
import dev.witbox.runtime.PluginPool;
import dev.witbox.runtime.PoolStats;
import dev.witbox.spring.guests.addgreet.AddGreet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Swapping a changed plugin file in while the application runs: calls in flight finish on the old version,
 * new calls go to the new one, no call fails, the old pool closes when drained; a bad new version is refused
 * and the old one keeps serving. The two versions are two real builds of one world: add-greet.wasm (a
 * component) and add-greet.embed.wasm (a core module with its world embedded).
 */
@ExtendWith(OutputCaptureExtension.class)
class HotReloadTests {

    @TempDir
    Path tmp;

    static class Greeter {
        final AddGreet addGreet;

        Greeter(@WasmPlugin("greeter") AddGreet addGreet) {
            this.addGreet = addGreet;
        }
    }

    private Path file() {
        return tmp.resolve("plugins").resolve("greeter.wasm");
    }

    private ApplicationContextRunner runner(String... properties) {
        TestPlugins.copy("add-greet.wasm", tmp.resolve("plugins"), "greeter.wasm");
        return TestPlugins.runner()
                .withPropertyValues("witbox.plugins.locations=file:" + tmp + "/plugins/")
                .withPropertyValues(properties)
                .withBean(Greeter.class);
    }

    private void put(String guest) {
        TestPlugins.copy(guest, tmp.resolve("plugins"), "greeter.wasm");
    }

    @Test
    void twentySwapsUnderEightCallingThreadsFailNoCall() {
        runner().run(context -> {
            AddGreet addGreet = context.getBean(Greeter.class).addGreet;
            WitboxPlugins plugins = context.getBean(WitboxPlugins.class);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong calls = new AtomicLong();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                Thread caller = new Thread(() -> {
                    long i = 0;
                    while (!stop.get()) {
                        try {
                            if (addGreet.add(id, i) != id + i || !addGreet.greet("c" + id).equals("Hello, c" + id + "!")) {
                                failures.add(new AssertionError("wrong answer"));
                            }
                            calls.incrementAndGet();
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                        i++;
                    }
                });
                caller.start();
                callers.add(caller);
            }
            List<String> digests = new ArrayList<>();
            for (int swap = 0; swap < 20; swap++) {
                long before = calls.get();
                while (calls.get() < before + 20) {
                    Thread.onSpinWait(); // let calls run on this version
                }
                put(swap % 2 == 0 ? "add-greet.embed.wasm" : "add-greet.wasm");
                assertThat(plugins.reload("greeter")).isTrue();
                digests.add(plugins.get("greeter").sha256());
            }
            stop.set(true);
            for (Thread caller : callers) {
                caller.join();
            }
            assertThat(failures).isEmpty();
            assertThat(calls.get()).isGreaterThan(20 * 20);
            assertThat(plugins.get("greeter").reloads()).isEqualTo(20);
            assertThat(digests.stream().distinct()).hasSize(2);
        });
    }

    @Test
    void theWatcherSwapsAChangedFileIn(CapturedOutput output) {
        runner("witbox.plugins.reload.enabled=true", "witbox.plugins.reload.interval=50ms").run(context -> {
            ManagedPlugin greeter = context.getBean(WitboxPlugins.class).get("greeter");
            String before = greeter.sha256();
            put("add-greet.embed.wasm");
            awaitReloads(greeter, 1);
            assertThat(greeter.sha256()).isNotEqualTo(before);
            assertThat(context.getBean(Greeter.class).addGreet.greet("new")).isEqualTo("Hello, new!");
            assertThat(output).contains("witbox: plugin 'greeter' reloaded from " + file());
        });
    }

    @Test
    void aFileThatIsNotAComponentIsRefusedWithALogLineAndTheOldVersionKeepsServing(CapturedOutput output) {
        runner("witbox.plugins.reload.enabled=true", "witbox.plugins.reload.interval=50ms").run(context -> {
            ManagedPlugin greeter = context.getBean(WitboxPlugins.class).get("greeter");
            String before = greeter.sha256();
            Files.writeString(file(), "not wasm at all");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!output.toString().contains("refused the new version of plugin 'greeter'") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(output).contains("witbox: refused the new version of plugin 'greeter' from " + file()
                    + "; the previous version keeps serving: Plugin 'greeter': file:" + file() + " is not a WebAssembly component");
            assertThat(greeter.sha256()).isEqualTo(before);
            assertThat(greeter.reloads()).isZero();
            assertThat(context.getBean(Greeter.class).addGreet.add(20, 22)).isEqualTo(42);
        });
    }

    @Test
    void aNewVersionWithoutTheInjectedInterfaceIsRefused() {
        runner().run(context -> {
            WitboxPlugins plugins = context.getBean(WitboxPlugins.class);
            put("pool-probe.wasm");
            assertThatThrownBy(() -> plugins.reload("greeter")).isInstanceOf(WitboxException.class)
                    .hasMessageContaining("AddGreet.add: the plugin has no export 'add'")
                    .hasMessageContaining("interface: func(a: u32, b: u32) -> u32");
            assertThat(context.getBean(Greeter.class).addGreet.add(1, 2)).isEqualTo(3);
            assertThat(plugins.get("greeter").pool().stats().calls()).isEqualTo(1);
        });
    }

    @Test
    void aPinnedDigestRefusesEveryOtherFile() throws Exception {
        String pinned = ManagedPlugin.sha256(Files.readAllBytes(TestPlugins.guest("add-greet.wasm")));
        runner("witbox.plugins.instances.greeter.sha256=" + pinned).run(context -> {
            WitboxPlugins plugins = context.getBean(WitboxPlugins.class);
            put("add-greet.embed.wasm");
            String other = ManagedPlugin.sha256(Files.readAllBytes(file()));
            assertThatThrownBy(() -> plugins.reload("greeter")).hasMessageContaining("has sha256 " + other
                    + ", but witbox.plugins.instances.greeter.sha256 pins " + pinned);
            assertThat(plugins.get("greeter").sha256()).isEqualTo(pinned);
            assertThat(context.getBean(Greeter.class).addGreet.greet("pinned")).isEqualTo("Hello, pinned!");
        });
    }

    @Test
    void anUnchangedFileIsNoReload() {
        runner().run(context -> {
            WitboxPlugins plugins = context.getBean(WitboxPlugins.class);
            put("add-greet.wasm");
            assertThat(plugins.reload("greeter")).isFalse();
            assertThat(plugins.get("greeter").reloads()).isZero();
        });
    }

    @Test
    void aHundredReloadsLeaveNoInstanceOrThreadBehind() {
        runner().run(context -> {
            WitboxPlugins plugins = context.getBean(WitboxPlugins.class);
            AddGreet addGreet = context.getBean(Greeter.class).addGreet;
            ManagedPlugin greeter = plugins.get("greeter");
            put("add-greet.embed.wasm");
            plugins.reload("greeter"); // warm: whatever threads the engine starts once are started
            assertThat(addGreet.add(1, 1)).isEqualTo(2);
            int threadsBefore = Thread.activeCount();
            List<PluginPool> retired = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                retired.add(greeter.pool());
                put(i % 2 == 0 ? "add-greet.wasm" : "add-greet.embed.wasm");
                assertThat(plugins.reload("greeter")).isTrue();
                assertThat(addGreet.add(i, 1)).isEqualTo(i + 1);
            }
            for (PluginPool old : retired) {
                PoolStats s = old.stats();
                assertThat(s.idle() + s.active()).as("instances left in a retired pool").isZero();
                assertThat(s.memoryInUseBytes()).as("memory held by a retired pool").isZero();
                assertThatThrownBy(old::acquire).hasMessageContaining("is closed");
            }
            assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 1);
            assertThat(greeter.reloads()).isEqualTo(101);
        });
    }

    private static void awaitReloads(ManagedPlugin plugin, long n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (plugin.reloads() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(plugin.reloads()).isEqualTo(n);
    }
}
