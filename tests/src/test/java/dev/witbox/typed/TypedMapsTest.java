package dev.witbox.typed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.PluginTrapException;
import dev.witbox.runtime.HostImports;
import dev.witbox.runtime.PluginInstance;
import dev.witbox.typed.maps.Maps;
import dev.witbox.typed.maps.Relay;
import dev.witbox.typed.maps.Tally;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code map<K, V>} through the generated {@link Maps} interface and the C guest {@code tests/guests/maps}:
 * a Java {@code Map} is lowered in its iteration order and lifted into an insertion-ordered map in which
 * the last of two pairs with one key wins; keys and values are range-checked like any value, and null
 * keys or values are refused naming the function and parameter. {@link Tally} is a host import taking a
 * map, implemented in Java.
 */
class TypedMapsTest {

    static PluginInstance instance;
    static Maps maps;

    @BeforeAll
    static void bind() {
        instance = Guests.load("maps.wasm").instantiate();
        maps = instance.bind(Maps.class);
    }

    @AfterAll
    static void close() {
        instance.close();
    }

    private static <K, V> Map<K, V> ordered(Object... keysAndValues) {
        Map<K, V> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            K k = (K) keysAndValues[i];
            @SuppressWarnings("unchecked")
            V v = (V) keysAndValues[i + 1];
            m.put(k, v);
        }
        return m;
    }

    @Test
    void mapsArriveWholeAndComeBackInTheGuestsOrder() {
        assertThat(maps.count(Map.of())).isZero();
        assertThat(maps.count(ordered("a", 1L, "b", 2L, "c", 0xFFFF_FFFCL))).isEqualTo(0xFFFF_FFFFL);
        Map<Long, String> inverted = maps.invert(ordered("zero", 0L, "max", 0xFFFF_FFFFL, "ü✓", 7L));
        assertThat(inverted).containsExactly(Map.entry(0L, "zero"), Map.entry(0xFFFF_FFFFL, "max"), Map.entry(7L, "ü✓"));
        assertThat(maps.invert(Map.of())).isEmpty();
        assertThat(maps.lookup(ordered((int) 'a', "alpha", 0x1F600, "grin"), 0x1F600)).contains("grin");
        assertThat(maps.lookup(ordered((int) 'a', "alpha"), 'z')).isEmpty();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void bytesValuesComeBackEqualInOrder(long seed) {
        Random random = new Random(seed);
        Map<String, byte[]> in = new LinkedHashMap<>();
        for (int i = 0, n = random.nextInt(20); i < n; i++) {
            byte[] b = new byte[random.nextInt(40)];
            random.nextBytes(b);
            in.put("k" + random.nextInt(1000) + "-" + i, b);
        }
        Map<String, byte[]> out = maps.echo(in);
        assertThat(new ArrayList<>(out.keySet())).isEqualTo(new ArrayList<>(in.keySet()));
        in.forEach((k, v) -> assertThat(out.get(k)).as("value of %s", k).isEqualTo(v));
    }

    @Test
    void optionalInnerMapsAreLoweredAtEveryLevel() {
        Map<Long, Optional<Map<String, Long>>> m = ordered(
                1L, Optional.empty(),
                2L, Optional.of(Map.of()),
                3L, Optional.of(ordered("ab", 10L, "c", -20L)));
        assertThat(maps.nested(m)).isEqualTo(1 + 2 + 3 + (10 + 2) + (-20 + 1));
    }

    @Test
    void aKeyTheGuestSendsTwiceKeepsItsFirstPlaceAndTheLastValue() {
        // the guest returns [("a", 1), ("b", 7), ("a", 2)]
        assertThat(maps.dupes()).containsExactly(Map.entry("a", 2L), Map.entry("b", 7L));
    }

    @Test
    void liftedMapsAreUnmodifiable() {
        assertThatThrownBy(() -> maps.dupes().put("c", 3L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullKeysAndValuesAreRefusedNamingFunctionAndParameter() {
        Map<String, Long> nullKey = new HashMap<>();
        nullKey.put(null, 1L);
        assertThatThrownBy(() -> maps.count(nullKey)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'count'").hasMessageContaining("'m'").hasMessageContaining("map key is null");
        Map<String, Long> nullValue = new HashMap<>();
        nullValue.put("a", null);
        assertThatThrownBy(() -> maps.count(nullValue)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'count'").hasMessageContaining("value of key a is null");
        Map<Long, Optional<Map<String, Long>>> nullOption = new HashMap<>();
        nullOption.put(1L, null);
        assertThatThrownBy(() -> maps.nested(nullOption)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nested'").hasMessageContaining("use Optional");
        assertThatThrownBy(() -> maps.count(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'count'").hasMessageContaining("null");
    }

    @Test
    void keysAndValuesOutsideTheirWitTypeAreRefused() {
        assertThatThrownBy(() -> maps.count(Map.of("a", -1L))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'count'").hasMessageContaining("u32 out of range: -1");
        assertThatThrownBy(() -> maps.invert(Map.of("a", 1L << 32))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'invert'").hasMessageContaining("u32 out of range");
        assertThatThrownBy(() -> maps.lookup(Map.of(0xD800, "surrogate"), 'a'))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'lookup'").hasMessageContaining("not a Unicode scalar value");
        Map<Long, Optional<Map<String, Long>>> badInner = Map.of(-5L, Optional.empty());
        assertThatThrownBy(() -> maps.nested(badInner)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nested'");
        assertThat(instance.isPoisoned()).as("a refused argument never reaches the guest").isFalse();
    }

    /** Records every map the guest passes, in the order its pairs arrive. */
    static final class RecordingTally implements Tally {
        final List<Map<String, Long>> seen = new ArrayList<>();

        @Override
        public long sum(Map<String, Long> m) {
            seen.add(m);
            return m.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    @Test
    void aJavaImplementationOfAnImportTakingAMapGetsTheGuestsPairs() {
        RecordingTally tally = new RecordingTally();
        try (PluginInstance app = Guests.load("imports/maps-app.wasm")
                .instantiate(HostImports.builder().implement(Tally.class, tally).build())) {
            Relay relay = app.bind(Relay.class);
            Map<String, Long> in = ordered("x", 0xFFFF_FFFFL, "y", 2L, "", 0L);
            assertThat(relay.hostSum(in)).isEqualTo(0xFFFF_FFFFL + 2 + 1);
            assertThat(relay.hostSum(Map.of())).isEqualTo(1);
            assertThat(tally.seen).hasSize(2);
            assertThat(tally.seen.get(0)).containsExactly(Map.entry("x", 0xFFFF_FFFFL), Map.entry("y", 2L),
                    Map.entry("", 0L));
            assertThat(tally.seen.get(1)).isEmpty();
            // the maps interface works the same in the plugin that has the import
            assertThat(app.bind(Maps.class).count(in)).isEqualTo((int) (0xFFFF_FFFFL + 2) & 0xFFFF_FFFFL);
        }
    }

    @Test
    void aFailingImplementationTrapsTheGuestsCallWithItsCause() {
        IllegalStateException failure = new IllegalStateException("tally is closed");
        Tally failing = m -> {
            throw failure;
        };
        try (PluginInstance app = Guests.load("imports/maps-app.wasm")
                .instantiate(HostImports.builder().implement(Tally.class, failing).build())) {
            assertThatThrownBy(() -> app.bind(Relay.class).hostSum(Map.of("a", 1L)))
                    .isInstanceOf(PluginTrapException.class)
                    .hasMessageContaining("demo:maps/tally@0.1.0#sum")
                    .hasRootCause(failure);
        }
    }
}
