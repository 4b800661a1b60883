package dev.witbox.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LayoutTest {

    static Stream<Arguments> table() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        try (InputStream in = LayoutTest.class.getResourceAsStream("/abi/layout.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\\|");
                rows.add(Arguments.of(cols[0].trim(), Integer.parseInt(cols[1].trim()),
                        Integer.parseInt(cols[2].trim()), cols[3].trim()));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void sizeAlignmentAndFlatteningMatchTheSpec(String type, int size, int alignment, String flat) {
        ValueType t = TypeSyntax.parse(type);
        List<CoreType> expected = Arrays.stream(flat.split("\\s+"))
                .map(s -> CoreType.valueOf(s.toUpperCase(Locale.ROOT)))
                .toList();
        assertThat(Layout.size(t)).as("size").isEqualTo(size);
        assertThat(Layout.alignment(t)).as("alignment").isEqualTo(alignment);
        assertThat(Layout.flatten(t)).as("flattening").isEqualTo(expected);
        Codec codec = Codecs.of(t);
        assertThat(codec.size).isEqualTo(size);
        assertThat(codec.flatCount).isEqualTo(expected.size());
    }

    @Test
    void discriminantSizesFollowTheCaseCount() {
        assertThat(Layout.discriminantSize(1)).isEqualTo(1);
        assertThat(Layout.discriminantSize(256)).isEqualTo(1);
        assertThat(Layout.discriminantSize(257)).isEqualTo(2);
        assertThat(Layout.discriminantSize(65536)).isEqualTo(2);
        assertThat(Layout.discriminantSize(65537)).isEqualTo(4);
    }

    @Test
    void joinPicksTheNarrowestCommonCoreType() {
        assertThat(CoreType.join(CoreType.I32, CoreType.F32)).isEqualTo(CoreType.I32);
        assertThat(CoreType.join(CoreType.F32, CoreType.I32)).isEqualTo(CoreType.I32);
        assertThat(CoreType.join(CoreType.F32, CoreType.F32)).isEqualTo(CoreType.F32);
        assertThat(CoreType.join(CoreType.I32, CoreType.I64)).isEqualTo(CoreType.I64);
        assertThat(CoreType.join(CoreType.F32, CoreType.F64)).isEqualTo(CoreType.I64);
        assertThat(CoreType.join(CoreType.F64, CoreType.I32)).isEqualTo(CoreType.I64);
        assertThat(CoreType.join(CoreType.F64, CoreType.F64)).isEqualTo(CoreType.F64);
    }

    @Test
    void typesTheSpecForbidsAreRejected() {
        assertThatThrownBy(() -> Layout.size(new ValueType.RecordOf(List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Layout.size(new ValueType.TupleOf(List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Layout.size(new ValueType.VariantOf(List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Layout.size(TypeSyntax.parse("flags<33>")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Layout.size(TypeSyntax.parse("list<u64, 40000000>")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
    }

    @Test
    void functionsSpillParametersAbove16FlatValuesAndResultsAboveOne() {
        FakeGuest guest = new FakeGuest();
        assertThat(lifted(guest, 16, null).coreParams()).hasSize(16);
        assertThat(lifted(guest, 17, null).coreParams()).containsExactly(CoreType.I32);
        assertThat(lifted(guest, 1, ValueType.Scalar.U64).coreResults()).containsExactly(CoreType.I64);
        assertThat(lifted(guest, 1, ValueType.Scalar.STRING).coreResults()).containsExactly(CoreType.I32);
        LoweredFunction lowered = LoweredFunction.of("f", sig(2, ValueType.Scalar.STRING), guest.options(),
                guest.instance, args -> null);
        assertThat(lowered.coreParams()).containsExactly(CoreType.I32, CoreType.I32, CoreType.I32);
        assertThat(lowered.coreResults()).isEmpty();
    }

    static FunctionType sig(int u32Params, ValueType result) {
        List<FunctionType.Param> params = new ArrayList<>();
        for (int i = 0; i < u32Params; i++) {
            params.add(new FunctionType.Param("p" + i, ValueType.Scalar.U32));
        }
        return new FunctionType(params, result);
    }

    private static LiftedFunction lifted(FakeGuest guest, int params, ValueType result) {
        return LiftedFunction.of("f", sig(params, result), guest.options(), guest.instance, args -> new long[0]);
    }
}
