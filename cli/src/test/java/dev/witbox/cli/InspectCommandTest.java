package dev.witbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

    static final Path GUESTS = Path.of("../tests/guests/out");
    static final Path FIXTURES = Path.of("../engine/src/test/resources/components");

    @TempDir
    Path dir;

    private final CliRunner cli = new CliRunner();

    private int witbox(String... args) {
        return cli.run(args);
    }

    @Test
    void printsTheWorldOfAComponent() {
        int status = witbox("inspect", GUESTS.resolve("add-greet.wasm").toString());

        assertThat(cli.err()).isEmpty();
        assertThat(status).isEqualTo(ExitStatus.OK);
        assertThat(cli.out()).isEqualTo("""
                package root:component;

                world root {
                  export add: func(a: u32, b: u32) -> u32;
                  export greet: func(name: string) -> string;
                }
                """);
    }

    @Test
    void printsTheInterfacesAComponentExports() {
        int status = witbox("inspect", GUESTS.resolve("resources.wasm").toString());

        assertThat(status).isEqualTo(ExitStatus.OK);
        assertThat(cli.out()).isEqualTo("""
                package root:component;

                world root {
                  export demo:res/api@0.1.0;
                }

                package demo:res@0.1.0 {
                  interface api {
                    resource counter {
                      constructor(start: u32);
                      increment: func(by: u32) -> u32;
                      get: func() -> u32;
                      make: static func(start: u32) -> counter;
                      merge: static func(a: borrow<counter>, b: borrow<counter>) -> counter;
                    }

                    live-counters: func() -> u32;
                    destroyed: func() -> u32;
                    peek: func(c: borrow<counter>) -> u32;
                    consume: func(c: counter) -> u32;
                  }
                }
                """);
    }

    @Test
    void verboseAddsCoreModulesThenTheDecoderDump() {
        int status = witbox("inspect", "--verbose", GUESTS.resolve("nested.wasm").toString());

        assertThat(status).isEqualTo(ExitStatus.OK);
        String text = cli.out();
        assertThat(text).startsWith("package root:component;\n");
        assertThat(text).containsPattern("\ncore modules:\n  core module 0: \\d+ bytes at offset 0x[0-9a-f]+\n");
        assertThat(text).containsPattern("  component 0, core module 0: \\d+ bytes");
        assertThat(text.indexOf("core modules:")).isLessThan(text.indexOf("index spaces:"));
        assertThat(text).contains("\ncomponent (1157 bytes at @0x0)\n");
    }

    @Test
    void gatedFeaturesAreShownButDoNotStopInspection() {
        int status = witbox("inspect", "--verbose", FIXTURES.resolve("unsupported.wasm").toString());

        assertThat(status).isEqualTo(ExitStatus.OK);
        assertThat(cli.out()).startsWith("package root:component;\n\nworld root {}\n\ncore modules:\n")
                .contains("unsupported feature: stream type");
    }

    @Test
    void aCoreModuleSaysWhatItIs() {
        int status = witbox("inspect", GUESTS.resolve("add-greet.core.wasm").toString());

        assertThat(status).isEqualTo(ExitStatus.OK);
        assertThat(cli.out())
                .startsWith("core module (13547 bytes), not a component\nimports: none\nexports:\n")
                .contains("  add: func (i32, i32) -> i32\n")
                .contains("  memory: memory\n")
                .doesNotContain("embedded world");
    }

    @Test
    void aCoreModuleWithAnEmbeddedWorldPrintsIt() {
        int status = witbox("inspect", "--verbose", FIXTURES.resolve("embedded/add-greet.core.wasm").toString());

        assertThat(status).isEqualTo(ExitStatus.OK);
        assertThat(cli.out()).endsWith("""
                core module (210 bytes), not a component
                imports: none
                exports: none
                custom sections:
                  "component-type": 184 bytes at offset 0x1a

                embedded world (component-type custom section):
                package demo:add-greet@0.1.0;

                world add-greet {
                  export add: func(a: u32, b: u32) -> u32;
                  export greet: func(name: string) -> string;
                }
                """);
    }

    @Test
    void aMalformedBinaryIsRefusedWithTheDecodersMessage() throws IOException {
        byte[] bytes = Files.readAllBytes(GUESTS.resolve("add-greet.wasm"));
        Path truncated = Files.write(dir.resolve("truncated.wasm"), java.util.Arrays.copyOf(bytes, 100));

        int status = witbox("inspect", truncated.toString());

        assertThat(status).isEqualTo(ExitStatus.REFUSED);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).contains("core module section").contains("offset").doesNotContain("\tat ");
    }

    @Test
    void aComponentWhoseInterfaceWitCannotExpressIsListedAsAComponentType() {
        int status = witbox("inspect", FIXTURES.resolve("sections.wasm").toString());

        assertThat(cli.err()).isEmpty();
        assertThat(status).isEqualTo(ExitStatus.OK);
        assertThat(cli.out()).startsWith(";; no WIT world: ").contains("is a core module, which WIT cannot express")
                .contains("\n(component\n").contains("  (import \"").endsWith(")\n");
    }

    @Test
    void verboseAddsTheDecodersViewToTheListing() {
        int status = witbox("inspect", "--verbose", FIXTURES.resolve("sections.wasm").toString());

        assertThat(status).isEqualTo(ExitStatus.OK);
        assertThat(cli.out()).startsWith(";; no WIT world: ").contains("core modules:\n").contains("index spaces:");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(witbox("inspect", dir.resolve("missing.wasm").toString())).isEqualTo(ExitStatus.USAGE);
        assertThat(cli.err()).contains("no such file");
        assertThat(witbox("inspect")).isEqualTo(ExitStatus.USAGE);
        assertThat(witbox("inspect", "--bogus", GUESTS.resolve("add-greet.wasm").toString())).isEqualTo(ExitStatus.USAGE);
    }
}
