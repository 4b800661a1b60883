package dev.witbox.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code types.wat}: every value type constructor, function types, component and instance types. */
class TypesFixtureTest {

    static Component c;
    static List<Definition> types;

    @BeforeAll
    static void decode() {
        c = Fixtures.strict("types.wasm");
        types = c.indexSpaces().types();
    }

    private static ValType.TypeRef ref(int i) {
        return new ValType.TypeRef(i);
    }

    @Test
    void primitives() {
        PrimitiveType[] expected = {PrimitiveType.BOOL, PrimitiveType.S8, PrimitiveType.U8, PrimitiveType.S16,
                PrimitiveType.U16, PrimitiveType.S32, PrimitiveType.U32, PrimitiveType.S64, PrimitiveType.U64,
                PrimitiveType.F32, PrimitiveType.F64, PrimitiveType.CHAR, PrimitiveType.STRING};
        for (int i = 0; i < expected.length; i++) {
            assertThat(types.get(i)).isEqualTo(new DefinedType.Primitive(expected[i]));
        }
    }

    @Test
    void compoundValueTypes() {
        assertThat(types.get(13)).isEqualTo(new DefinedType.Record(List.of(
                new DefinedType.Field("x", PrimitiveType.S32), new DefinedType.Field("y", PrimitiveType.S32))));
        assertThat(types.get(14)).isEqualTo(new DefinedType.Variant(List.of(
                new DefinedType.Case("circle", Optional.of(PrimitiveType.F64)),
                new DefinedType.Case("square", Optional.of(ref(13))),
                new DefinedType.Case("none", Optional.empty()))));
        assertThat(types.get(15)).isEqualTo(new DefinedType.ListType(PrimitiveType.U8));
        assertThat(types.get(16)).isEqualTo(new DefinedType.Tuple(List.of(PrimitiveType.STRING, ref(13))));
        assertThat(types.get(17)).isEqualTo(new DefinedType.Flags(List.of("read", "write", "exec")));
        assertThat(types.get(18)).isEqualTo(new DefinedType.Enum(List.of("red", "green", "blue")));
        assertThat(types.get(19)).isEqualTo(new DefinedType.Option(ref(12)));
    }

    @Test
    void mapsKeyedByAPrimitiveAndByAPrimitiveTypesIndex() {
        assertThat(types.get(31)).isEqualTo(new DefinedType.MapType(PrimitiveType.STRING, PrimitiveType.U32));
        assertThat(types.get(32)).isEqualTo(new DefinedType.MapType(ref(11), ref(19)));
        assertThat(c.unsupportedFeatures()).isEmpty();
        assertThat(c.dump()).contains("(map string u32)", "(map (type 11) (type 19))");
    }

    @Test
    void allFourResultForms() {
        assertThat(types.get(20)).isEqualTo(new DefinedType.Result(Optional.of(PrimitiveType.U32),
                Optional.of(PrimitiveType.STRING)));
        assertThat(types.get(21)).isEqualTo(new DefinedType.Result(Optional.of(PrimitiveType.U32), Optional.empty()));
        assertThat(types.get(22)).isEqualTo(new DefinedType.Result(Optional.empty(), Optional.of(ref(18))));
        assertThat(types.get(23)).isEqualTo(new DefinedType.Result(Optional.empty(), Optional.empty()));
    }

    @Test
    void resourcesAndHandles() {
        assertThat(types.get(24)).isEqualTo(new TypeDef.Resource(CoreValType.I32, OptionalInt.empty()));
        assertThat(types.get(25)).isEqualTo(new DefinedType.Own(24));
        assertThat(types.get(26)).isEqualTo(new DefinedType.Borrow(24));
    }

    @Test
    void functionTypes() {
        assertThat(types.get(27)).isEqualTo(new TypeDef.Func(false, List.of(), Optional.empty()));
        assertThat(types.get(28)).isEqualTo(new TypeDef.Func(false, List.of(new TypeDef.Param("p", ref(13)),
                new TypeDef.Param("s", ref(26))), Optional.of(ref(20))));
    }

    @Test
    void componentTypeWithEveryDeclaratorKind() {
        TypeDef.ComponentType ct = (TypeDef.ComponentType) types.get(29);
        List<Decl> d = ct.decls();
        assertThat(d.get(0)).isInstanceOf(Decl.CoreTypeDecl.class);
        assertThat(((Decl.CoreTypeDecl) d.get(0)).type()).isEqualTo(new CoreType.Module(List.of(
                new CoreType.TypeDecl(new CoreType.Func(List.of(), List.of())),
                new CoreType.ExportDecl("f", new CoreExternType.Func(0)))));
        assertThat(d.get(1)).isEqualTo(new Decl.TypeDecl(new DefinedType.Record(List.of(
                new DefinedType.Field("a", PrimitiveType.U8)))));
        assertThat(d).filteredOn(x -> x instanceof Decl.ImportDecl).extracting(x -> ((Decl.ImportDecl) x).name().name())
                .containsExactly("dep", "m");
        assertThat(d).contains(new Decl.AliasDecl(new Alias.InstanceExport(Sort.TYPE, 0, "thing")));
        assertThat(d).filteredOn(x -> x instanceof Decl.ExportDecl).extracting(x -> ((Decl.ExportDecl) x).name().name())
                .containsExactly("make", "t");
        assertThat(d).contains(new Decl.ImportDecl(ExternName.of("m"), new ExternType.Module(0)));
    }

    @Test
    void instanceTypeWithOuterAliasAndResourceMethods() {
        TypeDef.InstanceType it = (TypeDef.InstanceType) types.get(30);
        assertThat(it.decls().get(0)).isEqualTo(new Decl.AliasDecl(new Alias.Outer(Sort.TYPE, 1, 13)));
        assertThat(it.decls().get(1)).isEqualTo(new Decl.ExportDecl(ExternName.of("point"),
                new ExternType.Type(new ExternType.Eq(0))));
        assertThat(it.decls().get(2)).isEqualTo(new Decl.ExportDecl(ExternName.of("handle"),
                new ExternType.Type(new ExternType.SubResource())));
        assertThat(it.decls()).filteredOn(x -> x instanceof Decl.ExportDecl)
                .extracting(x -> ((Decl.ExportDecl) x).name().name())
                .containsExactly("point", "handle", "[constructor]handle", "[method]handle.get",
                        "[static]handle.count", "nested");
    }

    @Test
    void importsAndExportOfTypes() {
        assertThat(c.imports()).containsExactly(
                new Import(ExternName.of("api"), new ExternType.Instance(30)),
                new Import(ExternName.of("comp"), new ExternType.Component(29)));
        assertThat(c.exports()).containsExactly(new Export(ExternName.of("point"), new SortIndex(Sort.TYPE, 13),
                Optional.empty()));
        assertThat(types).hasSize(34);
        assertThat(types.get(33)).isSameAs(c.exports().get(0));
    }
}
