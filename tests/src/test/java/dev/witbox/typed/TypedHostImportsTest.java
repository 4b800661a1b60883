package dev.witbox.typed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.PluginLinkException;
import dev.witbox.api.PluginTrapException;
import dev.witbox.api.Result;
import dev.witbox.api.WitErrorException;
import dev.witbox.api.WitboxException;
import dev.witbox.runtime.HostImports;
import dev.witbox.runtime.PluginInstance;
import dev.witbox.typed.catalog.Catalog;
import dev.witbox.typed.catalog.Shop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * A Java object implementing the generated import interface {@link Catalog} is the host side of the
 * catalog guest's imports: the guest's calls reach it with lifted Java values (records, lists,
 * options, strings), its results come back, an exception it throws traps the guest's call with the
 * exception as the cause, and {@link WitErrorException} answers the {@code err} case of a {@code result}.
 */
class TypedHostImportsTest {

    /** An in-memory catalog that records what it was asked. */
    static final class MemoryCatalog implements Catalog {
        final Map<Long, Catalog.Item> items = Map.of(
                1L, new Catalog.Item(1, "hammer", 1999, List.of("tool", "steel")),
                2L, new Catalog.Item(2, "näil ✓", 5, List.of()),
                3L, new Catalog.Item(3, "", 0xFFFF_FFFF_FFFFL, List.of("", "x")));
        final List<String> asked = new ArrayList<>();
        RuntimeException failure;

        @Override
        public Optional<Catalog.Item> lookup(long id) {
            asked.add("lookup " + id);
            if (failure != null) {
                throw failure;
            }
            return Optional.ofNullable(items.get(id));
        }

        @Override
        public Result<Long, String> reserve(long id, long quantity) {
            asked.add("reserve " + id + " x" + quantity);
            if (quantity > 10) {
                throw new WitErrorException("only 10 left of " + id);
            }
            if (!items.containsKey(id)) {
                return Result.err("no item " + id);
            }
            return Result.ok(id * 1000 + quantity);
        }
    }

    private final MemoryCatalog catalog = new MemoryCatalog();

    private PluginInstance instance() {
        return Guests.load("imports/catalog.wasm").instantiate(HostImports.builder().implement(Catalog.class, catalog).build());
    }

    @Test
    void guestCallsReachTheJavaImplementationAndItsResultsComeBack() {
        try (PluginInstance instance = instance()) {
            Shop shop = instance.bind(Shop.class);
            assertThat(shop.describe(1)).contains("hammer [tool,steel]");
            assertThat(shop.describe(2)).contains("näil ✓ []");
            assertThat(shop.describe(9)).isEmpty();
            for (long id = 1; id <= 3; id++) {
                assertThat(shop.fetch(id)).as("item %d through the guest and back", id).contains(catalog.items.get(id));
            }
            assertThat(shop.fetch(4)).isEmpty();
            Shop.Order order = new Shop.Order("ann", List.of(new Shop.Line(1, 2), new Shop.Line(2, 3)));
            assertThat(shop.total(order)).isEqualTo(Result.ok(1999L * 2 + 5 * 3));
            assertThat(shop.total(new Shop.Order("bob", List.of(new Shop.Line(1, 1), new Shop.Line(77, 1)))))
                    .isEqualTo(Result.err("unknown item 77"));
            assertThat(catalog.asked).containsExactly("lookup 1", "lookup 2", "lookup 9", "lookup 1", "lookup 2",
                    "lookup 3", "lookup 4", "lookup 1", "lookup 2", "lookup 1", "lookup 77");
        }
    }

    @Test
    void resultsOfTheImplementationAndWitErrorExceptionBecomeOkAndErr() {
        try (PluginInstance instance = instance()) {
            Shop shop = instance.bind(Shop.class);
            assertThat(shop.checkout(2, 4)).isEqualTo(Result.ok(2004L));
            assertThat(shop.checkout(8, 1)).as("Result.err returned").isEqualTo(Result.err("catalog: no item 8"));
            assertThat(shop.checkout(1, 11)).as("WitErrorException thrown")
                    .isEqualTo(Result.err("catalog: only 10 left of 1"));
            assertThat(instance.isPoisoned()).isFalse();
        }
    }

    @Test
    void anExceptionOfTheImplementationTrapsTheCallWithItsCause() {
        try (PluginInstance instance = instance()) {
            Shop shop = instance.bind(Shop.class);
            IllegalStateException failure = new IllegalStateException("catalog database is down");
            catalog.failure = failure;
            assertThatThrownBy(() -> shop.describe(1)).isInstanceOf(PluginTrapException.class)
                    .hasMessageContaining("host:app/shop@0.1.0#describe")
                    .hasMessageContaining("host:app/catalog@0.1.0#lookup")
                    .hasMessageContaining("catalog database is down")
                    .hasRootCause(failure);
            assertThat(instance.isPoisoned()).isTrue();
        }
    }

    @Test
    void aValueTheImplementationReturnsOutsideItsWitTypeTrapsTheCall() {
        Catalog negative = new Catalog() {
            @Override
            public Optional<Catalog.Item> lookup(long id) {
                return Optional.of(new Catalog.Item(-1, "bad id", 1, List.of()));
            }

            @Override
            public Result<Long, String> reserve(long id, long quantity) {
                return Result.ok(0L);
            }
        };
        try (PluginInstance instance = Guests.load("imports/catalog.wasm")
                .instantiate(HostImports.builder().implement(Catalog.class, negative).build())) {
            assertThatThrownBy(() -> instance.bind(Shop.class).fetch(1)).isInstanceOf(PluginTrapException.class)
                    .hasMessageContaining("u32 out of range: -1")
                    .extracting(Throwable::getCause).asInstanceOf(InstanceOfAssertFactories.THROWABLE)
                    .hasCauseInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anImplementationGeneratedFromOtherWitIsRefusedAtLinkTimeWithBothTypes() {
        var other = new dev.witbox.typed.othercatalog.Catalog() {
            @Override
            public Optional<dev.witbox.typed.othercatalog.Catalog.Item> lookup(long id) {
                return Optional.empty();
            }

            @Override
            public Result<Long, String> reserve(long id, long quantity) {
                return Result.ok(0L);
            }
        };
        HostImports imports = HostImports.builder().implement(dev.witbox.typed.othercatalog.Catalog.class, other)
                .build();
        assertThatThrownBy(() -> Guests.load("imports/catalog.wasm").instantiate(imports))
                .isInstanceOf(PluginLinkException.class)
                .hasMessageContaining("import 'host:app/catalog@0.1.0#lookup' has a different type")
                .hasMessageContaining("expected: func(id: u32) -> option<record { id: u32,")
                .hasMessageContaining("found:    func(id: u64) -> option<record { id: u64,")
                .hasMessageContaining("(generated from WIT func(id: u64) -> option<item>)");
    }

    @Test
    void anExportInterfaceIsNotAnImplementation() {
        assertThatThrownBy(() -> HostImports.builder().implement(Shop.class, null))
                .isInstanceOf(NullPointerException.class);
        Shop notAnImport = instanceFreeShop();
        assertThatThrownBy(() -> HostImports.builder().implement(Shop.class, notAnImport))
                .isInstanceOf(WitboxException.class).hasMessageContaining("not import glue");
    }

    private static Shop instanceFreeShop() {
        return (Shop) java.lang.reflect.Proxy.newProxyInstance(Shop.class.getClassLoader(), new Class<?>[] {Shop.class},
                (proxy, method, args) -> {
                    throw new AssertionError("not called");
                });
    }
}
