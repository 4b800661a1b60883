package dev.witbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.abi.PrimitiveCall;
import dev.witbox.api.PluginTimeoutException;
import dev.witbox.api.PluginTrapException;
import dev.witbox.api.value.WitValue;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Calls of exports of scalars with Java primitives ({@link ExportInvoker#callPrimitive}, what generated
 * bindings of such functions call) on held instances and through pools, with the pool-probe guest: the same
 * results as the {@code WitValue} call, traps and timeouts in the middle of a call poison only that instance
 * and leave the pool serving, an argument out of range is refused without poisoning, and an invoker that only
 * knows {@code WitValue}s gets the boxed fallback.
 */
class PrimitiveExportTest {

    private static final Plugin PROBE = PluginPoolTest.PROBE;

    private static PrimitiveCall plan(String export) {
        ExportedFunction f = PROBE.exports().get(PROBE.exportIndex(export));
        return PrimitiveCall.of(f.functionName(), f.type());
    }

    @Test
    void aHeldInstanceAnswersAsTheWitValueCallDoes() {
        try (PluginInstance instance = PROBE.instantiate()) {
            ExportHandle square = instance.function("square");
            assertThat(square.callPrimitive(plan("square"), 0xFFFF_FFFFL, 0, 0, 0))
                    .isEqualTo(((WitValue.U64) square.call(new WitValue.U32(0xFFFF_FFFFL))).value());
            ExportHandle count = instance.function("count");
            assertThat(count.callPrimitive(plan("count"), 0, 0, 0, 0)).isEqualTo(1);
            assertThat(count.call()).isEqualTo(new WitValue.U32(2));
            assertThat(count.callPrimitive(plan("count"), 0, 0, 0, 0)).isEqualTo(3);
        }
    }

    @Test
    void anArgumentOutOfRangeIsRefusedAndTheInstanceStaysUsable() {
        try (PluginInstance instance = PROBE.instantiate()) {
            ExportHandle square = instance.function("square");
            assertThatThrownBy(() -> square.callPrimitive(plan("square"), 1L << 32, 0, 0, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'").hasMessageContaining("u32");
            assertThat(instance.isPoisoned()).isFalse();
            assertThat(square.callPrimitive(plan("square"), 12, 0, 0, 0)).isEqualTo(144);
        }
    }

    @Test
    void aTrapPoisonsTheHeldInstance() {
        try (PluginInstance instance = PROBE.instantiate()) {
            assertThatThrownBy(() -> instance.function("crash").callPrimitive(plan("crash"), 0, 0, 0, 0))
                    .isInstanceOf(PluginTrapException.class).hasMessageContaining("crash");
            assertThatThrownBy(() -> instance.function("count").callPrimitive(plan("count"), 0, 0, 0, 0))
                    .isInstanceOf(PluginTrapException.class).hasMessageContaining("trapped earlier");
        }
    }

    @Test
    void aTrapMidCallLeavesThePoolServing() {
        try (PluginPool pool = PROBE.pool(PoolOptions.builder().maxSize(1).build())) {
            PooledFunction count = pool.function("count");
            PooledFunction crash = pool.function("crash");
            assertThat(count.callPrimitive(plan("count"), 0, 0, 0, 0)).isEqualTo(1);
            assertThatThrownBy(() -> crash.callPrimitive(plan("crash"), 0, 0, 0, 0))
                    .isInstanceOf(PluginTrapException.class);
            assertThat(count.callPrimitive(plan("count"), 0, 0, 0, 0)).as("a new instance, fresh").isEqualTo(1);
            assertThat(count.callPrimitive(plan("count"), 0, 0, 0, 0)).as("reset between leases").isEqualTo(1);
            PoolStats stats = pool.stats();
            assertThat(stats.traps()).isEqualTo(1);
            assertThat(stats.calls()).isEqualTo(4);
            assertThat(stats.discarded()).isEqualTo(1);
        }
    }

    @Test
    void aTimeoutMidCallLeavesThePoolServing() {
        try (PluginPool pool = PROBE.pool(PoolOptions.builder().maxSize(1).callTimeout(Duration.ofMillis(200)).build())) {
            assertThatThrownBy(() -> pool.function("spin").callPrimitive(plan("spin"), 0, 0, 0, 0))
                    .isInstanceOf(PluginTimeoutException.class);
            assertThat(pool.function("square").callPrimitive(plan("square"), 9, 0, 0, 0)).isEqualTo(81);
            assertThat(pool.stats().timeouts()).isEqualTo(1);
        }
    }

    @Test
    void boundToAHeldInstanceEveryArityCallsTheInstanceStraightWithItsChecks() {
        try (PluginInstance instance = PROBE.instantiate()) {
            PrimitiveExport square = new PrimitiveExport(instance.function("square"), plan("square"));
            PrimitiveExport count = new PrimitiveExport(instance.function("count"), plan("count"));
            // arguments past the function's parameters are ignored, whichever overload
            assertThat(square.call(0xFFFF_FFFFL)).isEqualTo(0xFFFF_FFFFL * 0xFFFF_FFFFL);
            assertThat(square.call(3, 99)).isEqualTo(9);
            assertThat(square.call(4, 99, 99)).isEqualTo(16);
            assertThat(square.call(5, 99, 99, 99)).isEqualTo(25);
            assertThat(count.call()).isEqualTo(1);
            assertThat(instance.function("count").call()).isEqualTo(new WitValue.U32(2));
            assertThatThrownBy(() -> square.call(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'x'");
            assertThat(instance.isPoisoned()).isFalse();
            PrimitiveExport crash = new PrimitiveExport(instance.function("crash"), plan("crash"));
            assertThatThrownBy(crash::call).isInstanceOf(PluginTrapException.class).hasMessageContaining("crash");
            assertThatThrownBy(count::call).isInstanceOf(PluginTrapException.class).hasMessageContaining("trapped earlier");
        }
    }

    @Test
    void anInvokerThatOnlyTakesWitValuesGetsTheBoxedFallback() {
        try (PluginInstance instance = PROBE.instantiate()) {
            ExportHandle square = instance.function("square");
            ExportInvoker onlyWitValues = square::call;
            assertThat(onlyWitValues.callPrimitive(plan("square"), 11, 0, 0, 0)).isEqualTo(121);
            assertThatThrownBy(() -> onlyWitValues.callPrimitive(plan("square"), -1, 0, 0, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
        }
    }
}
