package dev.witbox.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.Isolation;
import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginPool;
import dev.witbox.runtime.PoolOptions;
import dev.witbox.runtime.PooledInstance;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The hostile-guest case "a guest writing 1 GiB to stdout" (docs/RELIABILITY.md): wasi-flood, a C program behind
 * the preview1 reactor adapter, whose {@code flood(mib)} writes {@code mib} MiB through wasi-libc's
 * {@code write()} in 64 KiB calls (the adapter passes them on as 4 KiB {@code blocking-write-and-flush} calls) and
 * stops at the first refused or short write. Whatever the policy sends stdout to, the host keeps at most the
 * capture's cap, the call ends normally, and the pool serves the next call on the same instance.
 *
 * <p>The whole gibibyte is written to the discarding and the capturing sinks: the host copies each 4 KiB out of
 * guest memory and drops it, about 262,000 host calls, which takes seconds, not minutes. Where a write is refused
 * (over {@code Limits.maxWriteBytes}) the guest learns it at its first write and stops, which is the cheap way
 * for a host to cut a flood short.
 */
class StdoutFloodTest {

    private static final Plugin FLOOD = WasiGuestTest.ENGINE.load(WasiGuestTest.OUT.resolve("wasi-flood.wasm"));
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    /**
     * A pool of one instance with a WASI context of {@code policy}, kept in {@code contexts} (one per instance:
     * the pool resets it in place with the memory, so what a lease captured is read during the lease).
     */
    private static PluginPool pool(WasiPolicy policy, List<WasiContext> contexts) {
        return FLOOD.pool(PoolOptions.builder().maxSize(1).isolation(Isolation.FRESH).imports(() -> {
            WasiContext wasi = Wasi.context(FLOOD, policy);
            contexts.add(wasi);
            return wasi.imports();
        }).build());
    }

    private static WitValue flood(PluginPool pool, long mib) {
        return pool.call("flood", new WitValue.U32(mib));
    }

    /** What one lease's {@code flood(mib)} returned and its context then held. */
    private record Flooded(WitValue result, int stdoutBytes, String stdoutStart, long dropped, long denied) {}

    private static Flooded floodInALease(PluginPool pool, List<WasiContext> contexts, long mib) {
        try (PooledInstance lease = pool.acquire()) {
            WitValue result = lease.instance().call("flood", new WitValue.U32(mib));
            WasiContext wasi = contexts.get(contexts.size() - 1);
            String text = wasi.stdoutText();
            return new Flooded(result, wasi.stdout().length, text.substring(0, Math.min(64, text.length())),
                    wasi.droppedOutputBytes(), wasi.deniedCount());
        }
    }

    @Test
    void aGibibyteToTheDefaultDiscardedStdoutCompletesAndTheHostKeepsNothing() {
        List<WasiContext> contexts = new CopyOnWriteArrayList<>();
        try (PluginPool pool = pool(WasiPolicy.denyAll(), contexts)) {
            flood(pool, 1); // the instance, its context and the host call path are made before measuring
            long before = usedHeap();

            Flooded flooded = floodInALease(pool, contexts, 1024);

            assertThat(flooded.result()).isEqualTo(new WitValue.U64(GIB));
            assertThat(flooded.stdoutBytes()).isZero();
            assertThat(usedHeap() - before).as("heap kept after 1 GiB of stdout").isLessThan(16 * MIB);
            assertThat(flood(pool, 1)).as("the pool serves the next call").isEqualTo(new WitValue.U64(MIB));
            assertThat(pool.stats().created()).isEqualTo(1);
        }
    }

    @Test
    void aCapturedStdoutKeepsItsCapAndCountsTheRestOfTheGibibyte() {
        List<WasiContext> contexts = new CopyOnWriteArrayList<>();
        WasiPolicy policy = WasiPolicy.builder().stdout(WasiPolicy.Output.capture((int) MIB)).build();
        try (PluginPool pool = pool(policy, contexts)) {
            flood(pool, 1);
            long before = usedHeap();

            // the guest is not told: a capture takes every byte and keeps the first MiB, as a pipe into a
            // bounded buffer that drops the rest would
            Flooded flooded = floodInALease(pool, contexts, 1024);

            assertThat(flooded.result()).isEqualTo(new WitValue.U64(GIB));
            assertThat(flooded.stdoutBytes()).isEqualTo((int) MIB);
            assertThat(flooded.stdoutStart()).isEqualTo("x".repeat(63) + "\n");
            assertThat(flooded.dropped()).isEqualTo(GIB - MIB);
            assertThat(usedHeap() - before).as("heap kept: the capture's MiB, nothing of the rest")
                    .isLessThan(16 * MIB);
            assertThat(flood(pool, 1)).isEqualTo(new WitValue.U64(MIB));
        }
    }

    @Test
    void aWriteOverThePolicysLimitIsRefusedSoTheFloodStopsAtItsFirstWrite() {
        List<WasiContext> contexts = new CopyOnWriteArrayList<>();
        WasiPolicy policy = WasiPolicy.builder().stdout(WasiPolicy.Output.capture((int) MIB))
                .limits(new WasiPolicy.Limits(1024, 64, 1 << 20, 100)).build();
        try (PluginPool pool = pool(policy, contexts)) {
            // the adapter's first 4 KiB blocking-write-and-flush is over the 1 KiB limit: refused whole, so
            // write() fails and the guest gives up having written nothing
            Flooded flooded = floodInALease(pool, contexts, 1024);

            assertThat(flooded.result()).isEqualTo(new WitValue.U64(0));
            assertThat(flooded.stdoutBytes()).isZero();
            assertThat(flooded.denied()).isEqualTo(1);
            assertThat(flood(pool, 1)).isEqualTo(new WitValue.U64(0));
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
