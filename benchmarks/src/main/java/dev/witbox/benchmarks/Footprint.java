package dev.witbox.benchmarks;

import static dev.witbox.benchmarks.TestImage.HEIGHT;
import static dev.witbox.benchmarks.TestImage.NEW_HEIGHT;
import static dev.witbox.benchmarks.TestImage.NEW_WIDTH;
import static dev.witbox.benchmarks.TestImage.WIDTH;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.sun.management.GarbageCollectionNotificationInfo;
import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginPool;
import dev.witbox.runtime.PoolOptions;
import dev.witbox.runtime.PooledFunction;
import dev.witbox.runtime.PooledInstance;
import dev.witbox.runtime.WitboxEngine;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The memory figures, which JMH does not measure: heap in use after a full collection, in a JVM of its
 * own (run by {@link Suite}; prints {@code RESULT name value unit} lines).
 *
 * <ul>
 *   <li>1,000 instances of the touch guest (declares a 256 MB maximum memory) that each wrote 1 MB, held
 *       at once from a {@code fresh} pool (active) and then given back (idle), against 1,000 bare Chicory
 *       instances of the same core module that each wrote 1 MB (and 1,000 that wrote nothing);</li>
 *   <li>the image-resize scenario: 1,000 calls (the first argument) from 2 threads through a pool and in
 *       plain Java, and 100 (the second) through the naive host (a new instance with a fixed 256 MB memory
 *       per call: about a second a call here, mostly the collector's): the wall time, the bytes allocated
 *       per call, and the peak heap — the largest heap in use after any collection during the calls, or
 *       after a full collection at their end (while the pool still holds its instances).</li>
 *   <li>a third argument makes fewer instances than 1,000 (for {@code --quick}); the heap in use is then
 *       extrapolated to 1,000 from the measured cost per instance.</li>
 * </ul>
 */
public final class Footprint {

    /** The figure's instance count: heap in use is reported for this many instances. */
    private static final int FIGURE_INSTANCES = 1_000;

    private Footprint() {}

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int naiveCalls = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        // fewer instances than the figure's (--quick): the heap in use is extrapolated from their cost
        int instanceCount = args.length > 2 ? Integer.parseInt(args[2]) : FIGURE_INSTANCES;
        long start = System.nanoTime();
        instances(instanceCount);
        System.err.printf(Locale.ROOT, "Footprint: instances in %.1f s%n", (System.nanoTime() - start) / 1e9);
        resize(calls, naiveCalls);
        System.err.printf(Locale.ROOT, "Footprint: done in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static void instances(int instanceCount) {
        Plugin plugin = WitboxEngine.create().load("touch", Guests.bytes("touch.wasm"));
        WasmModule module = Parser.parse(Guests.bytes("touch.core.wasm"));
        Function<Instance, Machine> machine = MachineFactoryCompiler.compile(module);
        pooledInstances(plugin, instanceCount);
        bareInstances(module, machine, true, instanceCount);
        bareInstances(module, machine, false, instanceCount);
    }

    /** 1,000 leases of a fresh pool, each instance having written 1 MB; then all given back. */
    private static void pooledInstances(Plugin plugin, int instanceCount) {
        WitValue oneMb = new WitValue.U32(1);
        long before = usedAfterGc();
        try (PluginPool pool = plugin.pool(PoolOptions.builder().minIdle(0).maxSize(instanceCount).idleTimeout(null)
                .memoryBudgetBytes(8L << 30).build())) {
            List<PooledInstance> leases = new ArrayList<>();
            for (int i = 0; i < instanceCount; i++) {
                PooledInstance lease = pool.acquire();
                lease.instance().call("touch", oneMb);
                leases.add(lease);
            }
            long active = usedAfterGc();
            result("pool.activeHeap", heapFor1000(before, active, instanceCount), "B");
            result("pool.perActive", (active - before) / instanceCount, "B");
            leases.forEach(PooledInstance::close);
            leases.clear();
            result("pool.perIdle", (usedAfterGc() - before) / instanceCount, "B");
            result("pool.idleInstances", pool.stats().idle(), "");
        }
    }

    /**
     * The heap in use with {@link #FIGURE_INSTANCES} instances: measured, or extrapolated from the
     * {@code instanceCount} made.
     */
    private static long heapFor1000(long before, long withInstances, int instanceCount) {
        return before + (withInstances - before) * FIGURE_INSTANCES / instanceCount;
    }

    /** 1,000 bare Chicory instances of the same core module, each having written 1 MB (or nothing). */
    private static void bareInstances(WasmModule module, Function<Instance, Machine> machine, boolean touched,
            int instanceCount) {
        long before = usedAfterGc();
        List<Instance> bare = new ArrayList<>();
        for (int i = 0; i < instanceCount; i++) {
            Instance instance = Instance.builder(module).withMachineFactory(machine).build();
            if (touched) {
                instance.export("touch").apply(1);
            }
            bare.add(instance);
        }
        long used = usedAfterGc();
        if (touched) {
            result("bare.activeHeap", heapFor1000(before, used, instanceCount), "B");
            result("bare.perActive", (used - before) / instanceCount, "B");
        } else {
            result("bare.perIdle", (used - before) / instanceCount, "B");
        }
        bare.clear();
    }

    private static void resize(int calls, int naiveCalls) throws InterruptedException {
        byte[] image = TestImage.rgba();
        WitValue imageValue = new WitValue.Bytes(image);
        WitValue[] size = {new WitValue.U32(WIDTH), new WitValue.U32(HEIGHT), new WitValue.U32(NEW_WIDTH),
                new WitValue.U32(NEW_HEIGHT)};
        try (PluginPool pool = WitboxEngine.create().load("image-resize", Guests.bytes("image-resize.wasm"))
                .pool(PoolOptions.builder().minIdle(0).maxSize(2).build())) {
            PooledFunction resize = pool.function("resize");
            scenario("pool", calls, () -> resize.call(imageValue, size[0], size[1], size[2], size[3]));
            result("resize.pool.memoryInUse", pool.stats().memoryInUseBytes(), "B");
        }
        scenario("java", calls, () -> ImageResizeJava.resize(image, WIDTH, HEIGHT, NEW_WIDTH, NEW_HEIGHT));
        NaiveHost naive = new NaiveHost();
        scenario("naive", naiveCalls, () -> naive.resize(image, WIDTH, HEIGHT, NEW_WIDTH, NEW_HEIGHT));
    }

    /** {@code calls} calls of {@code call} from 2 threads (a few first, untimed, to warm up). */
    private static void scenario(String name, int calls, Runnable call) throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            call.run();
        }
        usedAfterGc();
        AtomicLong allocated = new AtomicLong();
        try (PeakLiveHeap peak = new PeakLiveHeap()) {
            long start = System.nanoTime();
            Thread[] threads = new Thread[2];
            for (int t = 0; t < threads.length; t++) {
                int share = calls / threads.length + (t < calls % threads.length ? 1 : 0);
                threads[t] = new Thread(() -> {
                    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                    long from = bean.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < share; i++) {
                        call.run();
                    }
                    allocated.addAndGet(bean.getCurrentThreadAllocatedBytes() - from);
                });
                threads[t].start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            peak.observe(usedAfterGc());
            result("resize." + name + ".callsPerSecond", calls / seconds, "calls/s");
            result("resize." + name + ".allocatedPerCall", allocated.get() / calls, "B");
            result("resize." + name + ".peakHeap", peak.max(), "B");
        }
    }

    /** The largest heap in use after a collection, from the collectors' notifications while open. */
    private static final class PeakLiveHeap implements AutoCloseable {
        private final AtomicLong max = new AtomicLong();
        private final NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                observe(info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                        .mapToLong(MemoryUsage::getUsed).sum());
            }
        };

        PeakLiveHeap() {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
            }
        }

        void observe(long used) {
            max.accumulateAndGet(used, Math::max);
        }

        long max() {
            return max.get();
        }

        @Override
        public void close() {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                try {
                    ((NotificationEmitter) gc).removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException e) {
                    // never added: nothing to remove
                }
            }
        }
    }

    /** Heap in use after full collections (repeated until it stops shrinking: finalisation, soft references). */
    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }

    private static void result(String name, double value, String unit) {
        System.out.println(String.format(Locale.ROOT, "RESULT Footprint.%s %.1f %s", name, value, unit));
    }
}
