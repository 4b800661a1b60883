package dev.witbox.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What the world derivation refuses, and the names it invents. (Real components: tests/ ComponentWorldTest.) */
class ComponentWorldUnitTest {

    @Test
    void aComponentsWorldIsRootInPackageRootComponent() {
        ComponentWorld world = ComponentWorld.of(Fixtures.permissive("tiny-reactor.wasm"));

        assertThat(world.world().name()).isEqualTo(ComponentWorld.DEFAULT_WORLD);
        assertThat(world.resolve().root().name().toString()).isEqualTo(ComponentWorld.DEFAULT_PACKAGE);
        assertThat(world.witText()).contains("world %root {");
    }

    @Test
    void coreModuleImportsCannotBeWritten() {
        assertThatThrownBy(() -> ComponentWorld.of(Fixtures.permissive("sections.wasm")))
                .isInstanceOf(ComponentWorldException.class)
                .hasMessageContaining("import \"plugin\" is a core module, which WIT cannot express");
    }

    @Test
    void nestedInstancesInInterfacesCannotBeWritten() {
        assertThatThrownBy(() -> ComponentWorld.of(Fixtures.permissive("types.wasm")))
                .isInstanceOf(ComponentWorldException.class)
                .hasMessageContaining("exports \"nested\", an instance");
    }

    @Test
    void valueExportsCannotBeWritten() {
        assertThatThrownBy(() -> ComponentWorld.of(Fixtures.permissive("values.wasm")))
                .isInstanceOf(ComponentWorldException.class)
                .hasMessageContaining("is a value, which WIT cannot express");
    }

    @Test
    void anEmbeddedWorldNamesItsPackageAndWorld() {
        ComponentWorld world = ComponentWorld.embedded(Fixtures.bytes("embedded/resources.core.wasm")).get(0);

        assertThat(world.world().qualifiedName()).isEqualTo("demo:res/resources@0.1.0");
        assertThat(world.print()).contains("resource counter {").contains("export api;");
    }

    /**
     * Type aliases, {@code use ... as}, a resource, a world-level {@code use}, and an interface both imported
     * (as a dependency) and exported: the embedded world reads back as its source ({@code embedded/alias.wit},
     * embedded with jco's componentEmbed; see tests/src/test/resources/worlds/README.md).
     */
    @Test
    void anEmbeddedWorldReadsBackAsItsSource() throws Exception {
        ComponentWorld world = ComponentWorld.embedded(Fixtures.bytes("embedded/alias.core.wasm")).get(0);
        String source = new String(Fixtures.bytes("embedded/alias.wit"), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(world.print()).isEqualTo(dev.witbox.wit.WitPrinter.print(
                dev.witbox.wit.Wit.parse("alias.wit", source, dev.witbox.wit.WitOptions.defaults())));
        assertThat(world.print()).contains("use types.{bytes, r as rec, res};").contains("type other = bytes;");
    }

    @Test
    void aTypeOfAnotherInterfaceThatCollidesWithALocalOneIsUsedUnderANewName() {
        String wit = ComponentWorld.of(Fixtures.permissive("worlds/collide.wasm")).print();

        assertThat(wit).contains("use geo.{point as point-2};").contains("convert: func(%from: point-2) -> point;");
    }

    @Test
    void aCoreModuleWithoutComponentTypeSectionHasNoWorld() {
        assertThat(ComponentWorld.embedded(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0})).isEmpty();
    }

    @Test
    void coreModuleInfoListsImportsExportsAndCustomSections() {
        CoreModuleInfo info = CoreModuleInfo.read(Fixtures.bytes("embedded/add-greet.core.wasm"));

        assertThat(info.imports()).isEmpty();
        assertThat(info.exports()).isEmpty();
        assertThat(info.customSections()).extracting(CoreModuleInfo.CustomSection::name).contains("component-type");
    }

    @Test
    void coreModuleInfoRefusesAComponent() {
        assertThatThrownBy(() -> CoreModuleInfo.read(Fixtures.bytes("names.wasm")))
                .isInstanceOf(ComponentDecodeException.class)
                .hasMessageContaining("not a core module");
    }
}
