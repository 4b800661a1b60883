package dev.witbox.internal.chicory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link CoreInstanceRef#reset()} returns mutable globals to their sealed values, writing only those a lease
 * changed (a global is a small object of Chicory's that may share a cache line with another instance's).
 */
class CoreInstanceResetTest {

    private static final CoreModuleCode COUNTER = CoreModuleCode.compile("counter", TinyModules.counter(5),
            ExecutionMode.COMPILED);

    @Test
    void aGlobalTheLeaseChangedIsBackAtItsSealedValue() {
        CoreInstanceRef instance = COUNTER.instantiate(List.of(), 1);
        instance.seal();
        assertThat(call(instance, "bump")).isEqualTo(6);
        assertThat(call(instance, "bump")).isEqualTo(7);
        instance.reset();
        assertThat(call(instance, "value")).isEqualTo(5);
        assertThat(call(instance, "bump")).isEqualTo(6);
    }

    @Test
    void aResetAfterALeaseThatChangedNothingKeepsTheSealedValues() {
        CoreInstanceRef instance = COUNTER.instantiate(List.of(), 1);
        assertThat(call(instance, "bump")).isEqualTo(6); // before the seal: part of the snapshot
        instance.seal();
        assertThat(call(instance, "value")).isEqualTo(6);
        instance.reset();
        instance.reset();
        assertThat(call(instance, "value")).isEqualTo(6);
        assertThat(call(instance, "bump")).isEqualTo(7);
        instance.reset();
        assertThat(call(instance, "value")).isEqualTo(6);
    }

    private static long call(CoreInstanceRef instance, String export) {
        return ((CoreFunc) instance.export(export)).call(new long[0])[0];
    }
}
