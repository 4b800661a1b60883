package dev.witbox.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code tiny-reactor.wasm}: a C reactor built with clang-16 + wasi-libc and componentized by jco with the
 * wasi_snapshot_preview1 reactor adapter, i.e. the layout real toolchains produce (main module, adapter,
 * shim and fixup modules; WASI instance imports; canon lowers through a shim table).
 */
class ToolchainComponentTest {

    static Component c;

    @BeforeAll
    static void decode() {
        c = Fixtures.strict("tiny-reactor.wasm");
    }

    @Test
    void fourCoreModulesMainAdapterShimFixup() {
        List<CoreModule> modules = c.coreModules();
        assertThat(modules).hasSize(4);
        assertThat(c.names().orElseThrow().nameOf(Sort.CORE_MODULE, 0)).contains("main");
        assertThat(c.names().orElseThrow().nameOf(Sort.CORE_MODULE, 1)).contains("wit-component:adapter:wasi_snapshot_preview1");
        assertThat(c.names().orElseThrow().nameOf(Sort.CORE_MODULE, 2)).contains("wit-component-shim-module");
        assertThat(c.names().orElseThrow().nameOf(Sort.CORE_MODULE, 3)).contains("wit-component-fixup");
        assertThat(modules).allSatisfy(m -> assertThat(m.bytes()).startsWith(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0));
        assertThat(c.unsupportedFeatures()).isEmpty();
    }

    @Test
    void importsWasiInstancesAndTheWorldFunction() {
        assertThat(c.imports()).extracting(i -> i.name().name()).containsExactly(
                "wasi:io/error@0.2.12", "wasi:io/streams@0.2.12", "wasi:cli/stdin@0.2.12", "wasi:cli/stdout@0.2.12",
                "wasi:cli/stderr@0.2.12", "wasi:clocks/wall-clock@0.2.12", "wasi:filesystem/types@0.2.12",
                "wasi:filesystem/preopens@0.2.12", "log");
        assertThat(c.imports().get(8).type()).isInstanceOf(ExternType.Func.class);
        TypeDef.Func logType = (TypeDef.Func) c.indexSpaces().get(Sort.TYPE,
                ((ExternType.Func) c.imports().get(8).type()).typeIndex());
        assertThat(logType.params()).containsExactly(new TypeDef.Param("msg", PrimitiveType.STRING));
    }

    @Test
    void exportedGreetResolvesThroughTheIndexSpacesToTheMainModule() {
        assertThat(c.exports()).hasSize(1);
        Export greet = c.exports().get(0);
        assertThat(greet.name().name()).isEqualTo("greet");
        Canon.Lift lift = (Canon.Lift) c.indexSpaces().get(greet.target());
        assertThat(lift.options().memory()).isPresent();
        assertThat(lift.options().realloc()).isPresent();
        assertThat(lift.options().postReturn()).isPresent();
        // lift (core func N) -> alias core export "greet" of core instance M -> instantiate core module 0 ($main)
        Alias.CoreInstanceExport callee = (Alias.CoreInstanceExport) c.indexSpaces().get(Sort.CORE_FUNC, lift.coreFunc());
        assertThat(callee.name()).isEqualTo("greet");
        CoreInstance.Instantiate main = (CoreInstance.Instantiate) c.indexSpaces().get(Sort.CORE_INSTANCE, callee.coreInstance());
        assertThat(main.module()).isZero();
        assertThat(main.args()).extracting(CoreInstance.Arg::name).containsExactly("$root", "wasi_snapshot_preview1");
        Alias.CoreInstanceExport postReturn = (Alias.CoreInstanceExport) c.indexSpaces()
                .get(Sort.CORE_FUNC, lift.options().postReturn().getAsInt());
        assertThat(postReturn.name()).isEqualTo("cabi_post_greet");
        Alias.CoreInstanceExport memory = (Alias.CoreInstanceExport) c.indexSpaces()
                .get(Sort.CORE_MEMORY, lift.options().memory().getAsInt());
        assertThat(memory.name()).isEqualTo("memory");
        assertThat(memory.coreInstance()).isEqualTo(callee.coreInstance());
    }

    @Test
    void lowersOfImportedFunctionsCarryTheOptionsTheirTypesNeed() {
        List<Canon.Lower> lowers = c.indexSpaces().coreFuncs().stream()
                .filter(d -> d instanceof Canon.Lower).map(d -> (Canon.Lower) d).toList();
        assertThat(lowers).hasSize(14);
        // get-directories returns list<tuple<own<descriptor>, string>>: memory and realloc
        Canon.Lower getDirs = lowers.stream().filter(l -> c.indexSpaces().get(Sort.FUNC, l.func())
                instanceof Alias.InstanceExport a && a.name().equals("get-directories")).findFirst().orElseThrow();
        assertThat(getDirs.options().memory()).isPresent();
        assertThat(getDirs.options().realloc()).isPresent();
        // the shim's indirect table is filled by the fixup module from a core instance of lowered funcs
        assertThat(c.indexSpaces().coreFuncs()).filteredOn(d -> d instanceof Canon.ResourceDrop).hasSize(4);
    }

    @Test
    void fixupInstantiationWiresShimAndLowers() {
        CoreInstance.Instantiate fixup = (CoreInstance.Instantiate) c.indexSpaces().coreInstances()
                .get(c.indexSpaces().coreInstances().size() - 1);
        assertThat(fixup.module()).isEqualTo(3);
        assertThat(fixup.args()).extracting(CoreInstance.Arg::name).containsExactly("actual", "main", "shim");
        assertThat(c.customSections()).extracting(Section.Custom::name).contains("producers", "component-name");
    }
}
