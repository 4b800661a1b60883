package dev.witbox.component;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.wit.Interface;
import dev.witbox.wit.Resolve;
import dev.witbox.wit.Wit;
import dev.witbox.wit.WitOptions;
import dev.witbox.wit.WitPackage;
import dev.witbox.wit.WitPrinter;
import dev.witbox.wit.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The world derived from each real component equals the world {@code jco wit} prints for it (saved in
 * {@code src/test/resources/worlds/} and the decoder fixtures' {@code worlds/}, see the README there), and its
 * interfaces equal the guest's own source WIT (doc comments aside: a component does not carry them).
 */
class ComponentWorldTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path GUESTS = REPOSITORY.resolve("tests/guests");
    private static final Path FIXTURES = REPOSITORY.resolve("engine/src/test/resources/components");
    private static final Path EXPECTED = Path.of("src/test/resources/worlds");

    static Stream<String> guests() {
        return Stream.of("add-greet", "maps", "misbehave", "multi-module", "nested", "resources", "strings-latin1",
                "strings-utf16", "values");
    }

    @ParameterizedTest
    @MethodSource("guests")
    void guestWorldEqualsJcos(String guest) throws IOException {
        ComponentWorld world = derive(GUESTS.resolve("out/" + guest + ".wasm"));

        assertSameRootWorld(world, Files.readString(EXPECTED.resolve(guest + ".jco.wit")));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void decoderFixtureWorldEqualsJcos(String fixture) throws IOException {
        ComponentWorld world = derive(FIXTURES.resolve(fixture + ".wasm"));

        String name = fixture.substring(fixture.lastIndexOf('/') + 1);
        assertSameRootWorld(world, Files.readString(FIXTURES.resolve("worlds/" + name + ".jco.wit")));
    }

    static Stream<String> fixtures() {
        return Stream.of("names", "tiny-reactor", "worlds/shapes", "worlds/collide");
    }

    @Test
    void guestInterfacesEqualTheirSourceWit() throws IOException {
        assertInterfacesMatchSource(derive(GUESTS.resolve("out/values.wasm")), GUESTS.resolve("values/world.wit"));
        assertInterfacesMatchSource(derive(GUESTS.resolve("out/resources.wasm")), GUESTS.resolve("resources/world.wit"));
        assertInterfacesMatchSource(derive(GUESTS.resolve("out/misbehave.wasm")), GUESTS.resolve("misbehave/misbehave.wit"));
        assertInterfacesMatchSource(derive(GUESTS.resolve("out/imports/maps-app.wasm")),
                GUESTS.resolve("maps/world.wit"));
    }

    @Test
    void worldLevelFunctionsOfCGuestEqualItsSourceWorld() throws IOException {
        World derived = derive(GUESTS.resolve("out/add-greet.wasm")).world();
        World source = Wit.load(GUESTS.resolve("add-greet/world.wit"), WitOptions.defaults()).root().worldNamed("add-greet");

        assertThat(body(WitPrinter.print(derived))).isEqualTo(body(withoutDocs(WitPrinter.print(source))));
    }

    @Test
    void wasiInterfacesOfTheToolchainReactorUseEachOthersTypes() throws IOException {
        String wit = derive(FIXTURES.resolve("tiny-reactor.wasm")).print();

        assertThat(wit)
                .contains("package wasi:io@0.2.12 {")
                .contains("  interface streams {\n    use error.{error};")
                .contains("use wasi:io/streams@0.2.12.{input-stream};")
                .contains("use wasi:clocks/wall-clock@0.2.12.{datetime};")
                .contains("filesystem-error-code: func(err: borrow<error>) -> option<error-code>;")
                .contains("get-directories: func() -> list<tuple<descriptor, string>>;");
    }

    /** jco prints an empty world for a plain core module; ours has no component world at all. */
    @Test
    void plainCoreModuleHasNoEmbeddedWorld() throws IOException {
        byte[] bytes = Files.readAllBytes(GUESTS.resolve("out/add-greet.core.wasm"));

        assertThat(ComponentDecoder.strict().decode(bytes)).isInstanceOf(CoreModuleBinary.class);
        assertThat(ComponentWorld.embedded(bytes)).isEmpty();
        assertThat(Files.readString(EXPECTED.resolve("add-greet.core.jco.wit"))).contains("world root {\n}");
    }

    @ParameterizedTest
    @MethodSource("embedded")
    void embeddedWorldOfCoreModuleEqualsItsSourcePackage(String guest, String source) throws IOException {
        byte[] bytes = Files.readAllBytes(FIXTURES.resolve("embedded/" + guest + ".core.wasm"));
        List<ComponentWorld> worlds = ComponentWorld.embedded(bytes);

        assertThat(worlds).hasSize(1);
        WitPackage expected = Wit.load(GUESTS.resolve(source), WitOptions.defaults()).root();
        assertThat(withoutDocs(WitPrinter.print(worlds.get(0).resolve().root())))
                .isEqualTo(withoutDocs(WitPrinter.print(expected)));
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> embedded() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("add-greet", "add-greet/world.wit"),
                org.junit.jupiter.params.provider.Arguments.of("values", "values/world.wit"),
                org.junit.jupiter.params.provider.Arguments.of("resources", "resources/world.wit"));
    }

    // ------------------------------------------------------------------------------------------------

    static ComponentWorld derive(Path wasm) throws IOException {
        WasmBinary binary = ComponentDecoder.permissive().decode(Files.readAllBytes(wasm));
        assertThat(binary).isInstanceOf(Component.class);
        return ComponentWorld.of((Component) binary);
    }

    /**
     * jco prints only the root package; its world names interfaces of other packages without defining them.
     * The expected resolve is jco's root package resolved against the derived interface packages, so the
     * comparison is of the world (names, kinds, function types, world-level types).
     */
    static void assertSameRootWorld(ComponentWorld derived, String jcoWit) {
        StringBuilder text = new StringBuilder();
        for (WitPackage p : derived.resolve().packages()) {
            if (p != derived.resolve().root()) {
                text.append(asBlock(WitPrinter.print(p))).append('\n');
            }
        }
        text.append(asBlock(jcoWit));
        Resolve expected = Wit.parse("jco.wit", text.toString(), WitOptions.defaults().withAllFeatures());

        assertThat(derived.print()).isEqualTo(WitPrinter.print(expected));
        assertThat(derived.resolve()).isEqualTo(expected);
    }

    static void assertInterfacesMatchSource(ComponentWorld derived, Path sourceWit) {
        WitPackage source = Wit.load(sourceWit, WitOptions.defaults()).root();
        WitPackage pkg = derived.resolve().pkg(source.name().toString());
        assertThat(pkg).as("derived package %s", source.name()).isNotNull();
        assertThat(pkg.interfaces()).extracting(Interface::name)
                .containsExactlyElementsOf(source.interfaces().stream().map(Interface::name).toList());
        for (Interface i : pkg.interfaces()) {
            assertThat(WitPrinter.print(i)).as("interface %s", i.name())
                    .isEqualTo(withoutDocs(WitPrinter.print(source.interfaceNamed(i.name()))));
        }
    }

    /** {@code package x;\n\nitems} → {@code package x {\nitems}\n}. */
    static String asBlock(String packageFile) {
        int semi = packageFile.indexOf(";\n");
        return packageFile.substring(0, semi) + " {\n" + packageFile.substring(semi + 2) + "}\n";
    }

    static String withoutDocs(String wit) {
        return wit.lines().filter(l -> !l.strip().startsWith("///")).collect(Collectors.joining("\n", "", "\n"));
    }

    static String body(String world) {
        return world.substring(world.indexOf('{'));
    }
}
