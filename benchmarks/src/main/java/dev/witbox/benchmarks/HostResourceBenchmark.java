package dev.witbox.benchmarks;

import dev.witbox.abi.ResourceRef;
import dev.witbox.abi.ResourceType;
import dev.witbox.abi.ValueType;
import dev.witbox.api.Result;
import dev.witbox.api.value.WitValue;
import dev.witbox.benchmarks.typed.blobstore.Api;
import dev.witbox.benchmarks.typed.blobstore.BlobstoreImports;
import dev.witbox.benchmarks.typed.blobstore.Store;
import dev.witbox.runtime.ExportHandle;
import dev.witbox.runtime.HostImports;
import dev.witbox.runtime.ImportedFunction;
import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginInstance;
import dev.witbox.runtime.WitboxEngine;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Resources the host implements, passed to and used by the blobstore guest: the typed way (the host's
 * Java objects in the guest's handle table, generated glue) against the dynamic way of the same calls
 * (a {@code ResourceRef.hostResource} representation, {@code WitValue}s, a host function reading the
 * representation).
 *
 * <ul>
 *   <li>{@code measure}: the host lends a blob; the guest calls {@code [method]blob.size} on it and drops
 *       its borrow (one export call, one import call);
 *   <li>{@code consume}: the host moves a blob in; the guest calls size and drops it, which closes the
 *       object (typed) or tells the drop hook (dynamic);
 *   <li>{@code concatTyped}: four parts, every blob made, merged and dropped by the guest through the
 *       typed store (9 constructor/merge calls, 9 closes, one size).
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HostResourceBenchmark {

    private static final String STORE = "host:store/store@0.1.0";
    private static final List<String> PARTS = List.of("ab", "cde", "", "fghi");

    /** A blob of fixed size that does nothing when closed. */
    static final class SizedBlob implements Store.Blob {
        private final long size;

        SizedBlob(long size) {
            this.size = size;
        }

        @Override
        public byte[] read(long offset, long len) {
            return new byte[0];
        }

        @Override
        public void append(byte[] bytes) {
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void close() {
        }
    }

    /** Blobs of the right size, no bytes kept. */
    static final class SizeStore implements Store {
        @Override
        public Result<Store.Blob, String> open(String name) {
            return Result.err("no");
        }

        @Override
        public Store.Blob newBlob(byte[] init) {
            return new SizedBlob(init.length);
        }

        @Override
        public Store.Blob blobMerge(Store.Blob a, Store.Blob b) {
            return new SizedBlob(a.size() + b.size());
        }
    }

    private PluginInstance typedInstance;
    private PluginInstance dynamicInstance;
    private Api api;
    private final SizedBlob lent = new SizedBlob(5);
    private ExportHandle measure;
    private ExportHandle consume;
    private ResourceType blobType;

    @Setup
    public void setUp() {
        WitboxEngine engine = WitboxEngine.create();
        Plugin plugin = engine.load("blobstore", Guests.bytes("imports/blobstore.wasm"));
        BlobstoreImports tags = label -> {
            throw new UnsupportedOperationException("no tags here");
        };
        typedInstance = plugin.instantiate(HostImports.builder().implement(Store.class, new SizeStore())
                .implement(BlobstoreImports.class, tags).build());
        api = typedInstance.bind(Api.class);

        ImportedFunction size = plugin.imports().stream()
                .filter(f -> f.functionName().equals("[method]blob.size")).findFirst().orElseThrow();
        blobType = ((ValueType.BorrowOf) size.type().params().get(0).type()).resource();
        dynamicInstance = plugin.instantiate(HostImports.builder().implement(Store.class, new SizeStore())
                .implement(BlobstoreImports.class, tags)
                .function(STORE, "[method]blob.size", size.type(), args ->
                        new WitValue.U64(((ResourceRef) ((WitValue.Handle) args[0]).handle()).rep()))
                .onResourceDrop((type, rep) -> { })
                .build());
        measure = dynamicInstance.function("host:store/api@0.1.0#measure");
        consume = dynamicInstance.function("host:store/api@0.1.0#consume");
        if (measureTyped() != 5 || measureDynamic() != 5 || consumeTyped() != 5 || consumeDynamic() != 5
                || concatTyped() != 9) {
            throw new IllegalStateException("the typed and dynamic blob calls disagree");
        }
    }

    @TearDown
    public void tearDown() {
        typedInstance.close();
        dynamicInstance.close();
    }

    @Benchmark
    public long measureTyped() {
        return api.measure(lent);
    }

    @Benchmark
    public long measureDynamic() {
        return ((WitValue.U64) measure.call(new WitValue.Handle(ResourceRef.hostResource(blobType, 5)))).value();
    }

    @Benchmark
    public long consumeTyped() {
        return api.consume(new SizedBlob(5));
    }

    @Benchmark
    public long consumeDynamic() {
        return ((WitValue.U64) consume.call(new WitValue.Handle(ResourceRef.hostResource(blobType, 5)))).value();
    }

    @Benchmark
    public long concatTyped() {
        return api.concat(PARTS);
    }
}
