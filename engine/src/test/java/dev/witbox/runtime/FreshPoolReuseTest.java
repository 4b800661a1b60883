package dev.witbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.api.value.WitValue;
import org.junit.jupiter.api.Test;

/**
 * A fresh pool resets and reuses its instances of ordinary C guests — modules with active data segments
 * and no data count section, which can never drop a segment — instead of dropping each one as not
 * resettable and making a new one for every lease.
 */
class FreshPoolReuseTest {

    @Test
    void aGuestWithDataSegmentsIsResetAndReused() {
        try (PluginPool pool = Guests.plugin("add-greet").pool(PoolOptions.builder().minIdle(1).maxSize(1).build())) {
            for (int i = 0; i < 5; i++) {
                assertThat(pool.call("greet", new WitValue.Str("Java"))).isEqualTo(new WitValue.Str("Hello, Java!"));
            }
            PoolStats stats = pool.stats();
            assertThat(stats.created()).isEqualTo(1);
            assertThat(stats.notResettable()).isZero();
            assertThat(stats.discarded()).isZero();
        }
    }

    @Test
    void anInstanceThatGrewItsMemoryIsResetToTheSnapshot() {
        try (PluginPool pool = Guests.plugin("touch").pool(PoolOptions.builder().minIdle(1).maxSize(1).build())) {
            assertThat(pool.call("touch", new WitValue.U32(2))).isEqualTo(new WitValue.U32(2 << 20));
            // a fresh instance writes the byte 1 on its first call: the counter was reset with the memory
            assertThat(pool.call("touch", new WitValue.U32(1))).isEqualTo(new WitValue.U32(1 << 20));
            assertThat(pool.call("grow", new WitValue.U32(0))).isEqualTo(new WitValue.U32(2));
            assertThat(pool.stats().created()).isEqualTo(1);
        }
    }
}
