package dev.witbox.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.abi.ValueType.Scalar;
import dev.witbox.api.WitboxException;
import dev.witbox.wit.Function;
import dev.witbox.wit.Interface;
import dev.witbox.wit.Resolve;
import dev.witbox.wit.Wit;
import dev.witbox.wit.WitOptions;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WitTypesTest {

    private static final String WIT = """
            package t:types@1.0.0;

            interface defs {
              record point { x: s32, y: s32 }
              type pt = point;
              type pt2 = pt;
              variant shape { circle(f32), rect(pt2), empty }
              enum color { red, green }
              flags perm { read, write }
              resource blob {
                constructor(init: list<u8>);
                read: func(n: u32) -> list<u8>;
                merge: static func(a: borrow<blob>, b: blob) -> blob;
              }
              type blob-alias = blob;
              fixed: func(x: list<u32, 4>);
            }

            interface user {
              use defs.{blob, point as p, blob-alias};
              take: func(b: blob, a: blob-alias, l: borrow<blob-alias>, q: p) -> option<result<p, string>>;
              nothing: func();
              streams: func(s: stream<u8>);
              futures: func() -> future<u32>;
              maps: func(m: map<string, u32>) -> map<char, option<map<u8, p>>>;
              errs: func(e: list<error-context>);
            }
            """;

    private final Resolve resolve = Wit.parse("types.wit", WIT, WitOptions.defaults().withAllFeatures());
    private final WitTypes types = new WitTypes();

    private Function function(String iface, String name) {
        Interface i = resolve.root().interfaceNamed(iface);
        return i.allFunctions().stream().filter(f -> f.canonicalName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void namedTypesAndAliasesResolveToTheirStructure() {
        ValueType point = new ValueType.RecordOf(List.of(new ValueType.Field("x", Scalar.S32),
                new ValueType.Field("y", Scalar.S32)));
        Interface defs = resolve.root().interfaceNamed("defs");
        assertThat(types.valueType(new dev.witbox.wit.Type.Named(defs.type("pt2")))).isEqualTo(point);
        assertThat(types.valueType(new dev.witbox.wit.Type.Named(defs.type("shape")))).isEqualTo(new ValueType.VariantOf(
                List.of(new ValueType.Case("circle", Scalar.F32), new ValueType.Case("rect", point),
                        new ValueType.Case("empty", null))));
        assertThat(types.valueType(new dev.witbox.wit.Type.Named(defs.type("color"))))
                .isEqualTo(new ValueType.EnumOf(List.of("red", "green")));
        assertThat(types.valueType(new dev.witbox.wit.Type.Named(defs.type("perm"))))
                .isEqualTo(new ValueType.FlagsOf(List.of("read", "write")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bool|BOOL", "s8|S8", "u8|U8", "s16|S16", "u16|U16", "s32|S32", "u32|U32", "s64|S64", "u64|U64",
        "f32|F32", "f64|F64", "char|CHAR", "string|STRING"})
    void primitivesMapToScalars(String wit, Scalar scalar) {
        Resolve r = Wit.parse("p.wit", "package t:p; interface i { f: func(x: " + wit + "); }", null);
        Function f = r.root().interfaceNamed("i").functions().get(0);
        assertThat(types.functionType(f).params().get(0).type()).isEqualTo(scalar);
    }

    @Test
    void functionTypesKeepParameterNamesAndResult() {
        FunctionType take = types.functionType(function("user", "take"));
        assertThat(take.params()).extracting(FunctionType.Param::name).containsExactly("b", "a", "l", "q");
        assertThat(take.result()).isInstanceOf(ValueType.OptionOf.class);
        ValueType.ResultOf result = (ValueType.ResultOf) ((ValueType.OptionOf) take.result()).element();
        assertThat(result.ok()).isInstanceOf(ValueType.RecordOf.class);
        assertThat(result.err()).isEqualTo(Scalar.STRING);
        assertThat(types.functionType(function("user", "nothing"))).isEqualTo(new FunctionType(List.of(), null));
        assertThat(types.functionType(function("defs", "fixed")).params().get(0).type())
                .isEqualTo(new ValueType.FixedListOf(Scalar.U32, 4));
    }

    @Test
    void oneResourceTypePerResourceDefinitionWhateverTheRoute() {
        FunctionType take = types.functionType(function("user", "take"));
        ResourceType direct = ((ValueType.OwnOf) take.params().get(0).type()).resource();
        ResourceType viaAlias = ((ValueType.OwnOf) take.params().get(1).type()).resource();
        ResourceType borrowed = ((ValueType.BorrowOf) take.params().get(2).type()).resource();
        assertThat(viaAlias).isSameAs(direct);
        assertThat(borrowed).isSameAs(direct);
        assertThat(direct.name()).isEqualTo("blob");

        FunctionType ctor = types.functionType(function("defs", "[constructor]blob"));
        assertThat(((ValueType.OwnOf) ctor.result()).resource()).isSameAs(direct);
        FunctionType read = types.functionType(function("defs", "[method]blob.read"));
        assertThat(read.params().get(0)).isEqualTo(new FunctionType.Param("self", new ValueType.BorrowOf(direct)));
        assertThat(read.result()).isEqualTo(new ValueType.ListOf(Scalar.U8));
        FunctionType merge = types.functionType(function("defs", "[static]blob.merge"));
        assertThat(merge.params().get(0).type()).isEqualTo(new ValueType.BorrowOf(direct));
        assertThat(merge.params().get(1).type()).isEqualTo(new ValueType.OwnOf(direct));
        assertThat(types.resource(resolve.root().interfaceNamed("defs").type("blob-alias"))).isSameAs(direct);
    }

    @Test
    void anotherContextMakesAnotherResourceType() {
        ResourceType one = ((ValueType.OwnOf) types.functionType(function("user", "take")).params().get(0).type())
                .resource();
        ResourceType other = ((ValueType.OwnOf) new WitTypes().functionType(function("user", "take")).params()
                .get(0).type()).resource();
        assertThat(other).isNotSameAs(one);
        assertThat(new ValueType.OwnOf(other)).isNotEqualTo(new ValueType.OwnOf(one));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "streams|parameter 's'|stream<u8>",
        "futures|result|future<u32>",
        "errs|parameter 'e'|error-context"})
    void unsupportedTypesNameTheTypeAndTheFunction(String name, String where, String type) {
        assertThatThrownBy(() -> types.functionType(function("user", name)))
                .isInstanceOf(WitboxException.class)
                .hasMessageContaining("function '" + name + "'")
                .hasMessageContaining(where)
                .hasMessageContaining("type '" + type + "' is not supported");
    }

    @Test
    void mapsKeepKeyAndValueTypesAndPassAsAListOfPairs() {
        FunctionType f = types.functionType(function("user", "maps"));
        ValueType.MapOf param = new ValueType.MapOf(Scalar.STRING, Scalar.U32);
        assertThat(f.params().get(0).type()).isEqualTo(param);
        ValueType.RecordOf point = new ValueType.RecordOf(List.of(new ValueType.Field("x", Scalar.S32),
                new ValueType.Field("y", Scalar.S32)));
        assertThat(f.result()).isEqualTo(new ValueType.MapOf(Scalar.CHAR,
                new ValueType.OptionOf(new ValueType.MapOf(Scalar.U8, point))));
        assertThat(param.entries()).isEqualTo(new ValueType.ListOf(new ValueType.TupleOf(List.of(Scalar.STRING, Scalar.U32))));
        assertThat(TypeNames.of(f.result())).isEqualTo("map<char, option<map<u8, record {x, y}>>>");
    }

    @Test
    void aMapKeyMustBeAKeyType() {
        assertThatThrownBy(() -> new ValueType.MapOf(Scalar.F32, Scalar.U8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a map key must be bool, an integer, char or string");
        assertThatThrownBy(() -> new ValueType.MapOf(new ValueType.ListOf(Scalar.U8), Scalar.U8))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNonResourceIsNoResource() {
        assertThatThrownBy(() -> types.resource(resolve.root().interfaceNamed("defs").type("point")))
                .isInstanceOf(WitboxException.class).hasMessageContaining("'point' is not a resource");
    }
}
