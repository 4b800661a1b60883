package dev.witbox.typed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.abi.ResourceRef;
import dev.witbox.abi.ResourceType;
import dev.witbox.abi.ValueType;
import dev.witbox.api.PluginTrapException;
import dev.witbox.api.Result;
import dev.witbox.api.WitErrorException;
import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.HostImports;
import dev.witbox.runtime.ImportedFunction;
import dev.witbox.runtime.Isolation;
import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginInstance;
import dev.witbox.runtime.PluginPool;
import dev.witbox.runtime.PoolOptions;
import dev.witbox.runtime.PooledInstance;
import dev.witbox.typed.blobstore.Api;
import dev.witbox.typed.blobstore.Blobstore;
import dev.witbox.typed.blobstore.BlobstoreImports;
import dev.witbox.typed.blobstore.Store;
import dev.witbox.wasi.Wasi;
import dev.witbox.wasi.WasiContext;
import dev.witbox.wasi.WasiPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The host implements the resource {@code blob} the blobstore guest imports with plain Java objects
 * ({@link Store.Blob}): the guest's constructor, method and static calls reach them, every object the
 * guest owns is closed exactly once (when the guest drops it, or when the instance is reset or closed),
 * an object the guest returns is the host's own object again, and the failures the host or the guest can
 * cause trap the call with a message naming plugin, function and cause. The scenarios of
 * {@code guests/blobstore/blobstore.expected}, computed by jco with a JS store ({@code oracle/blobstore.mjs}),
 * give the same results and the same closes here.
 */
class TypedHostResourcesTest {

    private static final String STORE = "host:store/store@0.1.0";

    /** A blob in memory that counts how often it was closed. */
    static class MemoryBlob implements Store.Blob {
        final String name;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int closes;
        RuntimeException failOnClose;

        MemoryBlob(String name, byte[] init) {
            this.name = name;
            bytes.writeBytes(init);
        }

        @Override
        public byte[] read(long offset, long len) {
            byte[] all = bytes.toByteArray();
            int from = (int) Math.min(offset, all.length);
            return Arrays.copyOfRange(all, from, (int) Math.min(all.length, from + len));
        }

        @Override
        public void append(byte[] more) {
            bytes.writeBytes(more);
        }

        @Override
        public long size() {
            return bytes.size();
        }

        @Override
        public void close() {
            closes++;
            if (failOnClose != null) {
                throw failOnClose;
            }
        }

        @Override
        public String toString() {
            return "MemoryBlob[" + name + "]";
        }
    }

    /** Makes blobs, keeps every one it made, and knows some blobs by name. */
    static final class MemoryStore implements Store {
        final List<MemoryBlob> made = new ArrayList<>();
        final List<String> calls = new ArrayList<>();
        final Map<String, String> named = Map.of("greeting", "hello, blob");

        MemoryBlob blob(String name, byte[] init) {
            MemoryBlob b = new MemoryBlob(name, init);
            made.add(b);
            return b;
        }

        @Override
        public Result<Store.Blob, String> open(String name) {
            calls.add("open " + name);
            String text = named.get(name);
            if (text == null) {
                throw new WitErrorException("no blob named " + name);
            }
            return Result.ok(blob(name, text.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public Store.Blob newBlob(byte[] init) {
            calls.add("new " + new String(init, StandardCharsets.UTF_8));
            return blob("new#" + made.size(), init);
        }

        @Override
        public Store.Blob blobMerge(Store.Blob a, Store.Blob b) {
            calls.add("merge " + a + " " + b);
            byte[] left = ((MemoryBlob) a).bytes.toByteArray();
            byte[] right = ((MemoryBlob) b).bytes.toByteArray();
            MemoryBlob merged = blob("merged#" + made.size(), left);
            merged.append(right);
            return merged;
        }
    }

    /** A label: the world's own resource, which the plugin imports too. */
    static final class MemoryTag implements Blobstore.Tag {
        final String text;
        int closes;

        MemoryTag(String text) {
            this.text = text;
        }

        @Override
        public String label() {
            return text;
        }

        @Override
        public void close() {
            closes++;
        }
    }

    /** The world-level imports: the tag constructor. */
    static final class MemoryTags implements BlobstoreImports {
        final List<MemoryTag> made = new ArrayList<>();

        @Override
        public Blobstore.Tag newTag(String label) {
            MemoryTag t = new MemoryTag(label);
            made.add(t);
            return t;
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final MemoryTags tags = new MemoryTags();

    private static Plugin plugin() {
        return Guests.load("imports/blobstore.wasm");
    }

    /** Both imports of the guest, typed. */
    private HostImports.Builder typedImports() {
        return HostImports.builder().implement(Store.class, store).implement(BlobstoreImports.class, tags);
    }

    private PluginInstance instance() {
        return plugin().instantiate(typedImports().build());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theGuestsCallsReachTheJavaObjectsAndEveryBlobItDropsIsClosedOnce() {
        try (PluginInstance instance = instance()) {
            Api api = instance.bind(Api.class);
            assertThat(api.concat(List.of("ab", "cde", "", "✓"))).isEqualTo(5 + 3);
            // the empty start, then per part: the part and the merge
            assertThat(store.made).hasSize(1 + 4 * 2);
            assertThat(store.made).allSatisfy(b -> assertThat(b.closes).as("closes of %s", b).isEqualTo(1));
            assertThat(store.calls).containsExactly("new ", "new ab", "merge MemoryBlob[new#0] MemoryBlob[new#1]",
                    "new cde", "merge MemoryBlob[merged#2] MemoryBlob[new#3]", "new ",
                    "merge MemoryBlob[merged#4] MemoryBlob[new#5]", "new ✓",
                    "merge MemoryBlob[merged#6] MemoryBlob[new#7]");
            assertThat(store.made.get(8).bytes.toString(StandardCharsets.UTF_8)).isEqualTo("abcde✓");
            assertThat(api.concat(List.of())).isZero();
            assertThat(store.made).hasSize(10).allSatisfy(b -> assertThat(b.closes).isEqualTo(1));
        }
    }

    @Test
    void aBlobTheGuestReturnsIsTheHostsOwnObjectAndNowTheHostsToClose() {
        try (PluginInstance instance = instance()) {
            Store.Blob made = instance.bind(Api.class).make("made by the guest");
            assertThat(made).isSameAs(store.made.get(0)).isInstanceOf(MemoryBlob.class);
            assertThat(made.size()).isEqualTo(17);
            assertThat(store.made.get(0).closes).as("moved to the host, not dropped").isZero();
        }
        assertThat(store.made.get(0).closes).as("not the guest's any more when its instance closes").isZero();
    }

    @Test
    void aBlobPassedAsOwnIsTheGuestsWhichClosesItByDroppingIt() {
        MemoryBlob given = new MemoryBlob("given", utf8("xyz"));
        try (PluginInstance instance = instance()) {
            Api api = instance.bind(Api.class);
            assertThat(api.consume(given)).isEqualTo(3);
            assertThat(given.closes).isEqualTo(1);
            // a borrow is only lent: the guest's drop of it ends the loan, never closes
            MemoryBlob lent = new MemoryBlob("lent", utf8("four"));
            assertThat(api.measure(lent)).isEqualTo(4);
            assertThat(api.measure(lent)).isEqualTo(4);
            assertThat(lent.closes).isZero();
        }
        assertThat(given.closes).isEqualTo(1);
    }

    @Test
    void openAnswersOkWithABlobTheGuestReadsAndDropsOrErrFromWitErrorException() {
        try (PluginInstance instance = instance()) {
            Api api = instance.bind(Api.class);
            assertThat(api.openAndRead("greeting")).isEqualTo(Result.ok("hello, blob"));
            assertThat(store.made).singleElement().satisfies(b -> assertThat(b.closes).isEqualTo(1));
            assertThat(api.openAndRead("nothing")).isEqualTo(Result.err("no blob named nothing"));
            assertThat(instance.isPoisoned()).isFalse();
        }
    }

    @Test
    void blobsTheGuestStillHoldsAreClosedWhenItsInstanceCloses() {
        PluginInstance instance = instance();
        Api api = instance.bind(Api.class);
        assertThat(api.hold("a")).isEqualTo(1);
        assertThat(api.hold("bc")).isEqualTo(2);
        assertThat(store.made).hasSize(2).allSatisfy(b -> assertThat(b.closes).isZero());
        instance.close();
        assertThat(store.made).allSatisfy(b -> assertThat(b.closes).isEqualTo(1));
        instance.close();
        assertThat(store.made).as("closed once, not at every close").allSatisfy(b -> assertThat(b.closes).isEqualTo(1));
    }

    @Test
    void blobsAPooledInstanceStillHoldsAreClosedWhenItIsResetForTheNextLease() {
        PoolOptions options = PoolOptions.builder().maxSize(1).isolation(Isolation.FRESH)
                .imports(() -> typedImports().build()).build();
        try (PluginPool pool = plugin().pool(options)) {
            try (PooledInstance lease = pool.acquire()) {
                Api api = lease.instance().bind(Api.class);
                assertThat(api.hold("kept")).isEqualTo(1);
                assertThat(store.made.get(0).closes).isZero();
            }
            assertThat(store.made.get(0).closes).as("closed by the reset").isEqualTo(1);
            try (PooledInstance lease = pool.acquire()) {
                assertThat(lease.instance().bind(Api.class).hold("again")).as("a fresh table").isEqualTo(1);
            }
            // an interface that passes only host objects can be bound to the pool itself: no handle stays behind
            Api pooled = pool.bind(Api.class);
            MemoryBlob given = new MemoryBlob("given", utf8("12345"));
            assertThat(pooled.consume(given)).isEqualTo(5);
            assertThat(given.closes).isEqualTo(1);
            assertThat(pooled.make("out")).isSameAs(store.made.get(store.made.size() - 1));
            assertThat(store.made).hasSize(3);
            assertThat(store.made.get(1).closes).as("the second lease's held blob, reset").isEqualTo(1);
            assertThat(store.made.get(2).closes).as("made and moved to the host").isZero();
        }
    }

    @Test
    void anExceptionOfABlobMethodTrapsTheCallNamingPluginFunctionAndCause() {
        IllegalStateException failure = new IllegalStateException("disk is gone");
        MemoryBlob broken = new MemoryBlob("broken", utf8("x")) {
            @Override
            public long size() {
                throw failure;
            }
        };
        Plugin plugin = plugin();
        try (PluginInstance instance = instance()) {
            assertThatThrownBy(() -> instance.bind(Api.class).measure(broken)).isInstanceOf(PluginTrapException.class)
                    .hasMessageContaining(plugin.id())
                    .hasMessageContaining("host:store/api@0.1.0#measure")
                    .hasMessageContaining(STORE + "#[method]blob.size")
                    .hasMessageContaining("disk is gone")
                    .hasRootCause(failure);
            assertThat(instance.isPoisoned()).isTrue();
        }
        try (PluginInstance fresh = instance()) {
            assertThat(fresh.bind(Api.class).measure(new MemoryBlob("fine", utf8("ok")))).isEqualTo(2);
        }
    }

    @Test
    void anExceptionOfCloseWhenTheGuestDropsTrapsTheCallWithTheCause() {
        MemoryBlob given = new MemoryBlob("given", utf8("abc"));
        IllegalStateException failure = new IllegalStateException("flush failed");
        given.failOnClose = failure;
        try (PluginInstance instance = instance()) {
            assertThatThrownBy(() -> instance.bind(Api.class).consume(given)).isInstanceOf(PluginTrapException.class)
                    .hasMessageContaining(plugin().id())
                    .hasMessageContaining("host:store/api@0.1.0#consume")
                    .hasMessageContaining("close() of blob")
                    .hasMessageContaining("flush failed")
                    .hasRootCause(failure);
        }
        assertThat(given.closes).as("closed once, even though it failed").isEqualTo(1);
    }

    @Test
    void aHandleCarryingAnObjectOfTheWrongClassTrapsTheMethodCallNamingBothTypes() {
        Plugin plugin = plugin();
        ImportedFunction open = importNamed(plugin, "open");
        HostImports imports = typedImports()
                // the dynamic API can put any object behind a handle: typed glue finds out at its next call
                .function(STORE, "open", open.type(),
                        args -> new WitValue.Result(true, new WitValue.Handle(ResourceRef.hostObject("not a blob"))))
                .build();
        try (PluginInstance instance = plugin.instantiate(imports)) {
            assertThatThrownBy(() -> instance.bind(Api.class).openAndRead("greeting"))
                    .isInstanceOf(PluginTrapException.class)
                    .hasMessageContaining(STORE + "#[method]blob.size")
                    .hasMessageContaining("java.lang.String")
                    .hasMessageContaining(Store.Blob.class.getName());
        }
    }

    @Test
    void aResourceOfTheWorldItselfIsImportedAndImplementedByTheHostLikeAnInterfacesOne() {
        try (PluginInstance instance = instance()) {
            Blobstore world = instance.bind(Blobstore.class);
            MemoryBlob lent = new MemoryBlob("lent", utf8("12345"));
            assertThat(world.describe("hello", lent)).isEqualTo("hello (5)");
            assertThat(tags.made).singleElement().satisfies(t -> {
                assertThat(t.text).isEqualTo("hello");
                assertThat(t.closes).as("made by the world-level constructor, dropped by the guest").isEqualTo(1);
            });
            MemoryTag mine = new MemoryTag("mine");
            assertThat(world.labelOf(mine)).isEqualTo("mine");
            assertThat(mine.closes).as("only lent").isZero();
            assertThat(lent.closes).isZero();
        }
    }

    @Test
    void aNullBlobIsRefusedNamingTheParameter() {
        try (PluginInstance instance = instance()) {
            assertThatThrownBy(() -> instance.bind(Api.class).consume(null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'consume', parameter 'b'")
                    .hasMessageContaining("null where a blob object is expected");
        }
    }

    @Test
    void aGuestForgingAHandleIndexTraps() {
        for (long forged : new long[] {0, 1, 7, 0xFFFF_FFFFL}) {
            try (PluginInstance instance = instance()) {
                assertThatThrownBy(() -> instance.bind(Api.class).forge(forged)).as("index %d", forged)
                        .isInstanceOf(PluginTrapException.class)
                        .hasMessageContaining("host:store/api@0.1.0#forge")
                        .hasMessageContaining("is not a live handle of blob");
            }
        }
        try (PluginInstance instance = instance()) {
            Api api = instance.bind(Api.class);
            api.hold("mine");
            // index 1 is now a real blob the guest holds: the forged call reaches it
            assertThat(api.forge(1)).isEqualTo(4);
        }
    }

    @Test
    void dynamicHandlesWasiAndTypedObjectsWorkSideBySideAndDropHooksAccumulate() {
        Plugin plugin = plugin();
        ResourceType blob = ((ValueType.OwnOf) importNamed(plugin, "[constructor]blob").type().result()).resource();
        List<String> dropped = new ArrayList<>();
        ImportedFunction size = importNamed(plugin, "[method]blob.size");
        try (WasiContext wasi = Wasi.context(plugin, WasiPolicy.denyAll())) {
            HostImports.Builder builder = HostImports.builder();
            builder.onResourceDrop((type, rep) -> dropped.add("first " + type.name() + " " + rep));
            wasi.addTo(builder); // adds WASI's own hook, which ignores blob
            builder.implement(Store.class, store).implement(BlobstoreImports.class, tags);
            // size answered dynamically: a host object's size, or the representation of a dynamic handle
            builder.function(STORE, "[method]blob.size", size.type(), args -> {
                ResourceRef ref = (ResourceRef) ((WitValue.Handle) args[0]).handle();
                return new WitValue.U64(ref.hostObject() != null ? ((MemoryBlob) ref.hostObject()).size() : ref.rep());
            });
            builder.onResourceDrop((type, rep) -> dropped.add("second " + type.name() + " " + rep));
            try (PluginInstance instance = plugin.instantiate(builder.build())) {
                WitValue consumed = instance.function("host:store/api@0.1.0#consume")
                        .call(new WitValue.Handle(ResourceRef.hostResource(blob, 42)));
                assertThat(consumed).isEqualTo(new WitValue.U64(42));
                assertThat(dropped).as("every hook told of the drop, in order").containsExactly("first blob 42",
                        "second blob 42");
                MemoryBlob typed = new MemoryBlob("typed", utf8("typed"));
                assertThat(instance.bind(Api.class).consume(typed)).isEqualTo(5);
                assertThat(typed.closes).isEqualTo(1);
                assertThat(dropped).as("a host object is closed; no hook hears of it").hasSize(2);
                assertThat(instance.bind(Api.class).concat(List.of("ab", "c"))).isEqualTo(3);
                assertThat(store.made).hasSize(5).allSatisfy(b -> assertThat(b.closes).isEqualTo(1));
            }
        }
    }

    // ------------------------------------------------------------------ the same scenarios as jco's

    /** What the host saw of its blobs, as oracle/blobstore.mjs prints it: "made N, closes [c0 c1 …]". */
    private String tally() {
        return tally(store.made.stream().mapToInt(b -> b.closes).toArray());
    }

    private static String tally(int[] closes) {
        StringBuilder sb = new StringBuilder("made " + closes.length + ", closes [");
        for (int i = 0; i < closes.length; i++) {
            sb.append(i == 0 ? "" : " ").append(closes[i]);
        }
        return sb.append(']').toString();
    }

    private String tagTally() {
        return tally(tags.made.stream().mapToInt(t -> t.closes).toArray());
    }

    private static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private String scenario(String name, Api api, Blobstore world) {
        return switch (name) {
            case "concat-four" -> api.concat(List.of("ab", "cde", "", "✓")) + "; " + tally();
            case "concat-none" -> api.concat(List.of()) + "; " + tally();
            case "make-returns-the-hosts-object" -> {
                Store.Blob b = api.make("made by the guest");
                yield "size " + b.size() + ", same object " + (b == store.made.get(0)) + "; " + tally();
            }
            case "consume-closes-once" -> api.consume(store.blob("given", utf8("xyz"))) + "; " + tally();
            case "measure-twice-never-closes" -> {
                MemoryBlob lent = store.blob("lent", utf8("four"));
                yield api.measure(lent) + " " + api.measure(lent) + "; " + tally();
            }
            case "open-and-read-found", "open-and-read-missing" -> {
                Result<String, String> r = api.openAndRead(name.endsWith("found") ? "greeting" : "nothing");
                yield r instanceof Result.Ok<String, String> ok ? "ok(" + quoted(ok.value()) + "); " + tally()
                        : "err(" + quoted(((Result.Err<String, String>) r).error()) + "); " + tally();
            }
            case "hold-keeps" -> api.hold("a") + " " + api.hold("bc") + "; " + tally();
            case "forge-unknown-index-traps" -> {
                try {
                    yield String.valueOf(api.forge(7));
                } catch (PluginTrapException e) {
                    yield "trap";
                }
            }
            case "forge-held-index" -> api.hold("mine") + " " + api.forge(1) + "; " + tally();
            case "world-describe" -> quoted(world.describe("label ✓", store.blob("lent", utf8("four")))) + "; "
                    + tally() + "; " + tagTally();
            case "world-label-of" -> {
                Blobstore.Tag t = tags.newTag("mine");
                yield quoted(world.labelOf(t)) + " " + quoted(world.labelOf(t)) + "; " + tagTally();
            }
            default -> throw new IllegalArgumentException("no scenario " + name + " here: add it");
        };
    }

    static List<String[]> jcoScenarios() throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("guests/blobstore/blobstore.expected"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int arrow = line.indexOf(" => ");
                out.add(new String[] {line.substring(0, arrow), line.substring(arrow + 4)});
            }
        }
        return out;
    }

    /** Every scenario of blobstore.expected, computed by jco with a JS store, gives the same line here. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jcoScenarios")
    void theGuestDoesWithAJavaStoreWhatItDoesWithAJsStoreUnderJco(String name, String expected) {
        try (PluginInstance instance = instance()) {
            assertThat(scenario(name, instance.bind(Api.class), instance.bind(Blobstore.class))).isEqualTo(expected);
        }
    }

    /** An import of {@code plugin} (its resource types are its own: another load of the file has others). */
    private static ImportedFunction importNamed(Plugin plugin, String functionName) {
        return plugin.imports().stream().filter(f -> f.functionName().equals(functionName)).findFirst()
                .orElseThrow();
    }
}
