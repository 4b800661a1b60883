package dev.witbox.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Gated features: decoded by the permissive decoder (with offsets), rejected by the strict one. */
class UnsupportedFeaturesTest {

    @Test
    void permissiveDecoderDecodesGatedTypesAndReportsThem() {
        Component c = Fixtures.permissive("unsupported.wasm");
        List<Definition> t = c.indexSpaces().types();
        assertThat(t.get(0)).isEqualTo(new DefinedType.FixedList(PrimitiveType.U8, 4));
        assertThat(t.get(1)).isEqualTo(new DefinedType.Stream(Optional.of(PrimitiveType.U8)));
        assertThat(t.get(2)).isEqualTo(new DefinedType.Future(Optional.empty()));
        assertThat(t.get(3)).isEqualTo(new DefinedType.Primitive(PrimitiveType.ERROR_CONTEXT));
        assertThat(t.get(4)).isEqualTo(new DefinedType.MapType(PrimitiveType.STRING, PrimitiveType.U32));
        assertThat(t.get(5)).isEqualTo(new TypeDef.Func(true, List.of(new TypeDef.Param("a", PrimitiveType.U32)),
                Optional.empty()));
        assertThat(c.unsupportedFeatures()).extracting(UnsupportedFeature::feature).startsWith(
                "fixed-size list type (🔧)", "stream type (🔀)", "future type (🔀)", "error-context type (📝)",
                "async function type (🔀)", "async canon option (🔀)", "callback canon option (🔀)");
        assertThat(c.unsupportedFeatures().get(0).offset()).isEqualTo(0xb);
        assertThat(c.unsupportedFeatures().get(0).section()).isEqualTo("component type section");
    }

    @Test
    void permissiveDecoderDecodesEveryConcurrencyBuiltin() {
        Component c = Fixtures.permissive("unsupported.wasm");
        List<Definition> f = c.indexSpaces().coreFuncs();
        assertThat(f).hasSize(41);
        assertThat(f.get(2)).isEqualTo(new Canon.Builtin("backpressure.inc"));
        assertThat(f.get(4)).isInstanceOf(Canon.TaskReturn.class);
        assertThat(((Canon.TaskReturn) f.get(4)).result()).contains(PrimitiveType.U32);
        assertThat(f.get(6)).isEqualTo(new Canon.Context("context.get", CoreValType.I32, 0));
        assertThat(f.get(8)).isEqualTo(new Canon.Flagged("subtask.cancel", true));
        assertThat(f.get(10)).isEqualTo(new Canon.Typed("stream.new", 1));
        assertThat(f.get(14)).isEqualTo(new Canon.TypedFlagged("stream.cancel-write", 1, true));
        assertThat(f.get(28)).isEqualTo(new Canon.WaitableSet("waitable-set.wait", false, 0));
        assertThat(f.get(33)).isEqualTo(new Canon.Thread("thread.new-indirect", false, 0, Optional.of(0)));
        assertThat(f.get(40)).isEqualTo(new Canon.Flagged("thread.yield-then-promote", false));
        Canon.Lift lift = (Canon.Lift) c.indexSpaces().get(Sort.FUNC, 0);
        assertThat(lift.options().async()).isTrue();
        assertThat(lift.options().callback()).hasValue(1);
        // every canon definition after the lift is reported
        assertThat(c.unsupportedFeatures()).hasSize(7 + 39);
        assertThat(c.unsupportedFeatures()).extracting(UnsupportedFeature::feature)
                .contains("canon thread.index (🧵)", "canon waitable-set.poll (🔀)", "canon error-context.drop (📝)");
    }

    @Test
    void strictDecoderRejectsTheFirstUnsupportedFeatureWithItsOffset() {
        assertThatThrownBy(() -> Fixtures.strict("unsupported.wasm"))
                .isInstanceOf(ComponentDecodeException.class)
                .hasMessage("component type section at offset 0xb (11): unsupported feature: fixed-size list type (🔧)");
    }

    @Test
    void startAndValueExportsAreGated() {
        Component c = Fixtures.permissive("values.wasm");
        Section.StartSection start = (Section.StartSection) c.sections().stream()
                .filter(s -> s instanceof Section.StartSection).findFirst().orElseThrow();
        assertThat(start.start()).isEqualTo(new Start(0, List.of(), 1));
        assertThat(c.indexSpaces().values()).containsExactly(new Start.Result(start.start(), 0), c.exports().get(0));
        assertThat(c.unsupportedFeatures()).extracting(UnsupportedFeature::feature)
                .containsExactly("start definition (🪙)", "value export (🪙)");
        assertThatThrownBy(() -> Fixtures.strict("values.wasm"))
                .isInstanceOf(ComponentDecodeException.class)
                .hasMessageContaining("start section at offset 0x1c (28): unsupported feature: start definition (🪙)");
    }

    @Test
    void messagesOfReportedFeaturesNameSectionAndOffset() {
        UnsupportedFeature f = Fixtures.permissive("unsupported.wasm").unsupportedFeatures().get(1);
        assertThat(f.message()).isEqualTo("component type section at offset 0xe (14): unsupported feature: stream type (🔀)");
    }
}
