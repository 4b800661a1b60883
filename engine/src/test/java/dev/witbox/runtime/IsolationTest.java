package dev.witbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.PluginTrapException;
import dev.witbox.api.value.WitValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Instances of one plugin share nothing but code; a trap poisons only the instance it happened in. */
class IsolationTest {

    private static final String API = "demo:res/api@0.1.0#";

    @Test
    void instancesHaveTheirOwnState() {
        Plugin resources = Guests.plugin("resources");
        try (PluginInstance a = resources.instantiate(); PluginInstance b = resources.instantiate()) {
            a.call(API + "[constructor]counter", new WitValue.U32(1));
            a.call(API + "[constructor]counter", new WitValue.U32(2));
            assertThat(a.call(API + "live-counters")).isEqualTo(new WitValue.U32(2));
            assertThat(b.call(API + "live-counters")).isEqualTo(new WitValue.U32(0));
        }
    }

    @Test
    void aHandleOfOneInstanceIsRefusedByAnother() {
        Plugin resources = Guests.plugin("resources");
        try (PluginInstance a = resources.instantiate(); PluginInstance b = resources.instantiate()) {
            WitValue handle = a.call(API + "[constructor]counter", new WitValue.U32(7));
            assertThatThrownBy(() -> b.call(API + "[method]counter.get", handle))
                    .isInstanceOf(PluginTrapException.class)
                    .hasMessageContaining("another instance");
            // the owner is unaffected and the handle still works there
            assertThat(a.call(API + "[method]counter.get", handle)).isEqualTo(new WitValue.U32(7));
        }
    }

    @Test
    void droppingAHandleRunsTheDestructorAndASecondDropTraps() {
        Plugin resources = Guests.plugin("resources");
        try (PluginInstance a = resources.instantiate()) {
            WitValue.Handle handle = (WitValue.Handle) a.call(API + "[constructor]counter", new WitValue.U32(3));
            a.drop(handle);
            assertThat(handle.handle().isDropped()).isTrue();
            assertThat(a.call(API + "destroyed")).isEqualTo(new WitValue.U32(1));
            assertThatThrownBy(() -> a.drop(handle)).isInstanceOf(PluginTrapException.class)
                    .hasMessageContaining("already dropped");
        }
    }

    @Test
    void aTrappedInstanceRefusesFurtherCallsAndOthersCarryOn() {
        Plugin misbehave = Guests.plugin("misbehave");
        try (PluginInstance trapped = misbehave.instantiate(); PluginInstance healthy = misbehave.instantiate()) {
            assertThatThrownBy(() -> trapped.call("invalid-utf8"))
                    .isInstanceOf(PluginTrapException.class)
                    .hasMessageStartingWith("plugin 'misbehave' trapped in 'invalid-utf8': ")
                    .hasMessageContaining("UTF-8");
            assertThat(trapped.isPoisoned()).isTrue();
            assertThatThrownBy(() -> trapped.call("div-zero", new WitValue.U32(2)))
                    .isInstanceOf(PluginTrapException.class)
                    .hasMessageContaining("trapped earlier (in 'invalid-utf8')");
            assertThat(healthy.call("div-zero", new WitValue.U32(2))).isEqualTo(new WitValue.U32(0));
        }
    }

    @Test
    void coreTrapsAreReportedWithTheirCause() {
        Plugin misbehave = Guests.plugin("misbehave");
        assertTrap(misbehave, "unreachable", "unreachable");
        assertTrap(misbehave, "recurse", "call depth exceeded the limit of 2000", new WitValue.U32(0));
        assertTrap(misbehave, "infinite-loop", "timeout");
        assertTrap(misbehave, "div-zero", "divide by zero", new WitValue.U32(0));
    }

    private static void assertTrap(Plugin plugin, String export, String reason, WitValue... args) {
        try (PluginInstance instance = plugin.instantiate()) {
            assertThatThrownBy(() -> instance.call(export, args))
                    .isInstanceOf(PluginTrapException.class)
                    .hasMessageStartingWith("plugin 'misbehave' trapped in '" + export + "': ")
                    .satisfies(e -> assertThat(e.getMessage().toLowerCase()).contains(reason));
        }
    }

    @Test
    void onePluginServesInstancesOnManyThreads() throws Exception {
        Plugin addGreet = Guests.plugin("add-greet");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<WitValue>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String name = "t" + i;
                results.add(pool.submit(() -> {
                    try (PluginInstance instance = addGreet.instantiate()) {
                        return instance.call("greet", new WitValue.Str(name));
                    }
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(((WitValue.Str) results.get(i).get()).value()).contains("t" + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
