package dev.witbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.abi.FunctionType;
import dev.witbox.abi.ValueType;
import dev.witbox.abi.ValueType.Scalar;
import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code map<K, V>} through the dynamic API and the C guest {@code tests/guests/maps}: the value of a map
 * is what the canonical ABI passes, a list of (key, value) tuples, so every pair crosses in order and a
 * repeated key is kept both ways (the typed API is where a Java {@code Map} collapses it).
 */
class DynamicMapsTest {

    private static final String MAPS = "demo:maps/maps@0.1.0#";

    private static WitValue.Tuple pair(String key, long value) {
        return new WitValue.Tuple(List.of(new WitValue.Str(key), new WitValue.U32(value)));
    }

    private static WitValue.ListOf map(WitValue... pairs) {
        return new WitValue.ListOf(List.of(pairs));
    }

    @Test
    void everyPairReachesTheGuestARepeatedKeyIncluded() {
        try (PluginInstance instance = Guests.plugin("maps").instantiate()) {
            assertThat(instance.call(MAPS + "count", map(pair("a", 1), pair("a", 2), pair("b", 4))))
                    .isEqualTo(new WitValue.U32(7));
            assertThat(instance.call(MAPS + "invert", map(pair("a", 1), pair("a", 2))))
                    .isEqualTo(map(new WitValue.Tuple(List.of(new WitValue.U32(1), new WitValue.Str("a"))),
                            new WitValue.Tuple(List.of(new WitValue.U32(2), new WitValue.Str("a")))));
        }
    }

    @Test
    void everyPairTheGuestReturnsIsKeptInOrder() {
        try (PluginInstance instance = Guests.plugin("maps").instantiate()) {
            assertThat(instance.call(MAPS + "dupes")).isEqualTo(map(pair("a", 1), pair("b", 7), pair("a", 2)));
        }
    }

    @Test
    void exportsAndImportsPrintTheirMapTypes() {
        assertThat(Guests.plugin("maps").exports()).extracting(ExportedFunction::signature).contains(
                "count: func(m: map<string, u32>) -> u32",
                "nested: func(m: map<u32, option<map<string, s64>>>) -> s64",
                "lookup: func(m: map<char, string>, k: char) -> option<string>");
        Plugin app = Guests.ENGINE.load(Guests.OUT.resolve("imports/maps-app.wasm"));
        assertThat(app.imports()).extracting(ImportedFunction::signature)
                .containsExactly("sum: func(m: map<string, u32>) -> u64");
    }

    @Test
    void aValueThatIsNotAListOfPairsIsRefusedNamingTheMapType() {
        try (PluginInstance instance = Guests.plugin("maps").instantiate()) {
            assertThatThrownBy(() -> instance.call(MAPS + "count", new WitValue.Str("a=1")))
                    .isInstanceOf(WitboxException.class).hasMessageContaining("cannot pass a Str as map<string, u32>");
        }
        try (PluginInstance instance = Guests.plugin("maps").instantiate()) {
            assertThatThrownBy(() -> instance.call(MAPS + "count", map(new WitValue.Str("a"))))
                    .isInstanceOf(WitboxException.class).hasMessageContaining("cannot pass a Str as tuple<string, u32>");
        }
    }

    @Test
    void aDynamicHostFunctionGetsTheGuestsPairsAsTuples() {
        FunctionType sumType = new FunctionType(
                List.of(new FunctionType.Param("m", new ValueType.MapOf(Scalar.STRING, Scalar.U32))), Scalar.U64);
        List<WitValue> seen = new ArrayList<>();
        HostImports imports = HostImports.builder().function("demo:maps/tally@0.1.0", "sum", sumType, args -> {
            seen.add(args[0]);
            long sum = 0;
            for (WitValue entry : ((WitValue.ListOf) args[0]).elements()) {
                sum += ((WitValue.U32) ((WitValue.Tuple) entry).elements().get(1)).value();
            }
            return new WitValue.U64(sum);
        }).build();
        try (PluginInstance app = Guests.ENGINE.load(Guests.OUT.resolve("imports/maps-app.wasm")).instantiate(imports)) {
            WitValue in = map(pair("k", 10), pair("k", 20), pair("", 0xFFFF_FFFFL));
            assertThat(app.call("demo:maps/relay@0.1.0#host-sum", in))
                    .isEqualTo(new WitValue.U64(10 + 20 + 0xFFFF_FFFFL + 1));
            assertThat(seen).containsExactly(in);
        }
    }

    @Test
    void aHostFunctionWrittenForAnotherMapTypeIsRefusedAtLink() {
        FunctionType wrong = new FunctionType(
                List.of(new FunctionType.Param("m", new ValueType.MapOf(Scalar.STRING, Scalar.U64))), Scalar.U64);
        HostImports imports = HostImports.builder()
                .function("demo:maps/tally@0.1.0", "sum", wrong, args -> new WitValue.U64(0)).build();
        Plugin app = Guests.ENGINE.load(Guests.OUT.resolve("imports/maps-app.wasm"));
        assertThatThrownBy(() -> app.instantiate(imports)).isInstanceOf(WitboxException.class)
                .hasMessageContaining("map<string, u32>").hasMessageContaining("map<string, u64>");
    }
}
