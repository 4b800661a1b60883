package dev.witbox.benchmarks;

import static dev.witbox.benchmarks.TestImage.HEIGHT;
import static dev.witbox.benchmarks.TestImage.NEW_HEIGHT;
import static dev.witbox.benchmarks.TestImage.NEW_WIDTH;
import static dev.witbox.benchmarks.TestImage.WIDTH;

import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.PluginPool;
import dev.witbox.runtime.PoolOptions;
import dev.witbox.runtime.PooledFunction;
import dev.witbox.runtime.WitboxEngine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The image-resize scenario's throughput: a 1920×1080 RGBA image scaled to 256×144 (bilinear), from 2
 * threads, through a {@code fresh} pool of the C plugin, against the same algorithm in plain Java and a
 * naive host that makes a new Chicory instance with a fixed 256 MB memory for every call. Peak memory of
 * the same scenario (1,000 calls) is measured by {@link Footprint}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class ImageResizeBenchmark {

    private static final WitValue W = new WitValue.U32(WIDTH);
    private static final WitValue H = new WitValue.U32(HEIGHT);
    private static final WitValue NEW_W = new WitValue.U32(NEW_WIDTH);
    private static final WitValue NEW_H = new WitValue.U32(NEW_HEIGHT);

    private byte[] image;
    private WitValue imageValue;
    private PluginPool pool;
    private PooledFunction resize;
    private NaiveHost naive;

    @Setup
    public void setUp() {
        image = TestImage.rgba();
        imageValue = new WitValue.Bytes(image);
        pool = WitboxEngine.create().load("image-resize", Guests.bytes("image-resize.wasm"))
                .pool(PoolOptions.builder().minIdle(2).maxSize(2).build());
        resize = pool.function("resize");
        naive = new NaiveHost();
    }

    @TearDown
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public WitValue pool() {
        return resize.call(imageValue, W, H, NEW_W, NEW_H);
    }

    @Benchmark
    public byte[] plainJava() {
        return ImageResizeJava.resize(image, WIDTH, HEIGHT, NEW_WIDTH, NEW_HEIGHT);
    }

    @Benchmark
    public byte[] naiveHost() {
        return naive.resize(image, WIDTH, HEIGHT, NEW_WIDTH, NEW_HEIGHT);
    }
}
