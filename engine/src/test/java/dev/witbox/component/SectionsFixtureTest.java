package dev.witbox.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code sections.wat}: every section kind, with the resulting index spaces checked entry by entry. */
class SectionsFixtureTest {

    static Component c;

    @BeforeAll
    static void decode() {
        c = Fixtures.strict("sections.wasm");
    }

    @Test
    void sectionsAppearInFileOrderWithOffsets() {
        List<Integer> ids = c.sections().stream().map(Section::id).toList();
        assertThat(ids).containsExactly(3, 7, 10, 7, 10, 1, 1, 2, 6, 8, 2, 6, 8, 7, 8, 7, 8, 4, 5, 6, 5, 11, 0, 0, 0);
        assertThat(c.sections().get(0).offset()).isEqualTo(8);
        assertThat(c.sections().get(0).title()).isEqualTo("core type section");
        int end = 8;
        for (Section s : c.sections()) {
            assertThat(s.offset()).isEqualTo(end);
            end = s.offset() + 1 + lebSize(s.size()) + s.size();
        }
        assertThat(end).isEqualTo(Fixtures.bytes("sections.wasm").length).isEqualTo(c.size());
        assertThat(c.unsupportedFeatures()).isEmpty();
    }

    private static int lebSize(int v) {
        int n = 1;
        while ((v >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    @Test
    void coreTypesIncludeAModuleTypeWithEveryDeclarator() {
        Section.CoreTypes ct = (Section.CoreTypes) c.sections().get(0);
        assertThat(ct.types().get(0)).isEqualTo(new CoreType.Func(List.of(CoreValType.I32, CoreValType.I32),
                List.of(CoreValType.I32)));
        CoreType.Module mt = (CoreType.Module) ct.types().get(1);
        assertThat(mt.decls()).containsExactly(
                new CoreType.TypeDecl(new CoreType.Func(List.of(CoreValType.I32), List.of())),
                new CoreType.OuterAliasDecl(1, 0),
                new CoreType.ImportDecl("env", "log", new CoreExternType.Func(0)),
                new CoreType.ImportDecl("env", "mem", new CoreExternType.Memory(
                        new CoreExternType.Limits(1, java.util.OptionalLong.of(2)))),
                new CoreType.ImportDecl("env", "tbl", new CoreExternType.Table(CoreValType.FUNCREF,
                        new CoreExternType.Limits(1, java.util.OptionalLong.empty()))),
                new CoreType.ImportDecl("env", "g", new CoreExternType.Global(CoreValType.I32, true)),
                new CoreType.ExportDecl("run", new CoreExternType.Func(1)),
                new CoreType.ExportDecl("memory", new CoreExternType.Memory(
                        new CoreExternType.Limits(1, java.util.OptionalLong.empty()))));
    }

    @Test
    void importsOfEverySortAppendToTheirSpaces() {
        assertThat(c.imports()).extracting(i -> i.name().name())
                .containsExactly("log", "wasi:cli/environment@0.2.0", "blob", "plugin");
        assertThat(c.imports().get(0).type()).isEqualTo(new ExternType.Func(0));
        assertThat(c.imports().get(1).type()).isEqualTo(new ExternType.Instance(1));
        assertThat(c.imports().get(2).type()).isEqualTo(new ExternType.Type(new ExternType.SubResource()));
        assertThat(c.imports().get(3).type()).isEqualTo(new ExternType.Module(1));
        assertThat(c.imports().get(1).name().interfaceName()).contains(
                new InterfaceName("wasi", "cli", "environment", Optional.of("0.2.0")));
        IndexSpaces s = c.indexSpaces();
        assertThat(s.get(Sort.FUNC, 0)).isSameAs(c.imports().get(0));
        assertThat(s.get(Sort.INSTANCE, 0)).isSameAs(c.imports().get(1));
        assertThat(s.get(Sort.TYPE, 2)).isSameAs(c.imports().get(2));
        assertThat(s.get(Sort.CORE_MODULE, 0)).isSameAs(c.imports().get(3));
    }

    @Test
    void coreModulesAreKeptAsRawBytesWithTheirOffset() {
        List<CoreModule> modules = c.coreModules();
        assertThat(modules).hasSize(2);
        byte[] all = Fixtures.bytes("sections.wasm");
        for (CoreModule m : modules) {
            byte[] b = m.bytes();
            assertThat(b).startsWith(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
            assertThat(java.util.Arrays.copyOfRange(all, m.offset(), m.offset() + m.size())).isEqualTo(b);
        }
        assertThat(c.indexSpaces().coreModules()).containsExactly(c.imports().get(3), modules.get(0), modules.get(1),
                c.exports().get(4));
    }

    @Test
    void coreInstancesAndTheirArguments() {
        List<Definition> ci = c.indexSpaces().coreInstances();
        assertThat(ci).containsExactly(
                new CoreInstance.Instantiate(1, List.of()),
                new CoreInstance.FromExports(List.of(new CoreInstance.Export("log", new SortIndex(Sort.CORE_FUNC, 1)))),
                new CoreInstance.Instantiate(2, List.of(
                        new CoreInstance.Arg("libc", new SortIndex(Sort.CORE_INSTANCE, 0)),
                        new CoreInstance.Arg("host", new SortIndex(Sort.CORE_INSTANCE, 1)))));
    }

    @Test
    void coreFuncIndexSpaceResolvesToWhereEachFunctionComesFrom() {
        List<Definition> f = c.indexSpaces().coreFuncs();
        assertThat(f).hasSize(10);
        assertThat(f.get(0)).isEqualTo(new Alias.CoreInstanceExport(Sort.CORE_FUNC, 0, "realloc"));
        assertThat(f.get(1)).isInstanceOf(Canon.Lower.class);
        Canon.Lower lower = (Canon.Lower) f.get(1);
        assertThat(lower.func()).isZero();
        assertThat(lower.options().memory()).hasValue(0);
        assertThat(lower.options().stringEncodingGiven()).isTrue();
        assertThat(f.get(2)).isEqualTo(new Alias.CoreInstanceExport(Sort.CORE_FUNC, 2, "hello"));
        assertThat(f.get(5)).isEqualTo(new Canon.Lower(1, new CanonOptions(CanonOptions.StringEncoding.UTF8, false,
                OptionalInt.of(0), OptionalInt.of(0), OptionalInt.empty(), false, OptionalInt.empty())));
        assertThat(f.subList(6, 10)).containsExactly(new Canon.ResourceNew(4), new Canon.ResourceRep(4),
                new Canon.ResourceDrop(4), new Canon.ResourceDrop(2));
        assertThat(c.indexSpaces().coreMemories()).containsExactly(new Alias.CoreInstanceExport(Sort.CORE_MEMORY, 0, "memory"));
    }

    @Test
    void liftedFunctionCarriesItsOptionsAndType() {
        Canon.Lift lift = (Canon.Lift) c.indexSpaces().get(Sort.FUNC, 2);
        assertThat(lift.coreFunc()).isEqualTo(2);
        assertThat(lift.typeIndex()).isEqualTo(3);
        assertThat(lift.options().memory()).hasValue(0);
        assertThat(lift.options().realloc()).hasValue(0);
        assertThat(lift.options().postReturn()).hasValue(3);
        assertThat(lift.options().stringEncoding()).isEqualTo(CanonOptions.StringEncoding.UTF8);
        assertThat(c.indexSpaces().get(Sort.TYPE, 3)).isEqualTo(new TypeDef.Func(false,
                List.of(new TypeDef.Param("name", PrimitiveType.STRING)), Optional.of(PrimitiveType.STRING)));
        assertThat(c.indexSpaces().get(Sort.TYPE, 4)).isEqualTo(new TypeDef.Resource(CoreValType.I32, OptionalInt.of(4)));
    }

    @Test
    void nestedComponentHasItsOwnIndexSpaces() {
        assertThat(c.nestedComponents()).hasSize(1);
        Component inner = c.nestedComponents().get(0);
        assertThat(inner.indexSpaces().types()).containsExactly(new Alias.Outer(Sort.TYPE, 1, 0));
        assertThat(inner.imports()).containsExactly(new Import(ExternName.of("f"), new ExternType.Func(0)));
        assertThat(inner.exports()).containsExactly(new Export(ExternName.of("g"), new SortIndex(Sort.FUNC, 0),
                Optional.empty()));
        assertThat(inner.indexSpaces().funcs()).hasSize(2);
        assertThat(inner.offset()).isEqualTo(c.sections().get(17).offset() + 2);
        assertThat(c.indexSpaces().components()).containsExactly(inner);
    }

    @Test
    void instancesAndAliasesOfTheirExports() {
        List<Definition> inst = c.indexSpaces().instances();
        assertThat(inst.get(1)).isEqualTo(new Instance.Instantiate(0,
                List.of(new Instance.Arg("f", new SortIndex(Sort.FUNC, 0)))));
        assertThat(inst.get(2)).isEqualTo(new Instance.FromExports(List.of(
                new Instance.Export(ExternName.of("hello"), new SortIndex(Sort.FUNC, 2)),
                new Instance.Export(ExternName.of("g"), new SortIndex(Sort.FUNC, 3)))));
        assertThat(c.indexSpaces().get(Sort.FUNC, 3)).isEqualTo(new Alias.InstanceExport(Sort.FUNC, 1, "g"));
        assertThat(c.indexSpaces().get(Sort.FUNC, 1)).isEqualTo(new Alias.InstanceExport(Sort.FUNC, 0, "get-arguments"));
    }

    @Test
    void exportsIncludingAscriptionAndCoreModule() {
        List<Export> e = c.exports();
        assertThat(e).extracting(x -> x.name().name())
                .containsExactly("hello", "witbox:fixture/api@1.0.0", "res", "typed-hello", "plugin-module");
        assertThat(e.get(3).ascribedType()).contains(new ExternType.Func(3));
        assertThat(e.get(4).target()).isEqualTo(new SortIndex(Sort.CORE_MODULE, 0));
        // exports append to the index space of their sort
        assertThat(c.indexSpaces().get(Sort.FUNC, 4)).isSameAs(e.get(0));
        assertThat(c.indexSpaces().get(Sort.INSTANCE, 3)).isSameAs(e.get(1));
        assertThat(c.indexSpaces().get(Sort.TYPE, 5)).isSameAs(e.get(2));
    }

    @Test
    void resolveFollowsExportsToTheProvidingDefinition() {
        IndexSpaces s = c.indexSpaces();
        assertThat(s.resolve(new SortIndex(Sort.FUNC, 5))).isInstanceOf(Canon.Lift.class).isSameAs(s.get(Sort.FUNC, 2));
        assertThat(s.resolve(new SortIndex(Sort.TYPE, 5))).isEqualTo(new TypeDef.Resource(CoreValType.I32, OptionalInt.of(4)));
        assertThat(s.resolve(new SortIndex(Sort.CORE_MODULE, 3))).isSameAs(c.imports().get(3));
        assertThat(s.resolve(new SortIndex(Sort.CORE_FUNC, 2))).isEqualTo(new Alias.CoreInstanceExport(Sort.CORE_FUNC, 2, "hello"));
    }

    @Test
    void customSectionsAreKeptByNameAndTheNameSectionIsDecoded() {
        assertThat(c.customSections()).extracting(Section.Custom::name)
                .containsExactly("witbox-note", "producers", "component-name");
        assertThat(new String(c.customSection("witbox-note").orElseThrow().data(), StandardCharsets.UTF_8))
                .isEqualTo("decoder fixture");
        ComponentNames names = c.names().orElseThrow();
        assertThat(names.componentName()).contains("sections");
        assertThat(names.nameOf(Sort.FUNC, 2)).contains("hello-lifted");
        assertThat(names.nameOf(Sort.CORE_FUNC, 0)).contains("realloc");
        assertThat(names.nameOf(Sort.CORE_MODULE, 1)).contains("libc");
        assertThat(names.nameOf(Sort.INSTANCE, 2)).contains("bag");
        assertThat(names.nameOf(Sort.TYPE, 3)).contains("hello-ty");
        assertThat(names.nameOf(Sort.COMPONENT, 0)).contains("inner");
    }

    @Test
    void dumpListsSectionsAndIndexSpaces() {
        String dump = c.dump();
        assertThat(dump).contains("component (1237 bytes at @0x0)", "name: sections",
                "@0x8 core type section (84 bytes): 2 core types",
                "core func (10):", "0: alias core export of core instance 0 \"realloc\"  ;; $realloc",
                "canon lift (core func 2) string-encoding=utf8 (memory 0) (realloc 0) (post-return 3) (type 3)",
                "component (71 bytes at @0x27e)", "0: alias outer 1 0");
        assertThat(c.toString()).startsWith("Component[25 sections, 1237 bytes");
    }
}
