package dev.witbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WitCommandTest {

    @TempDir
    Path dir;

    private final CliRunner cli = new CliRunner();

    private int witbox(String... args) {
        return cli.run(args);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void printsTheResolvedPackageOfAFileAsCanonicalWit() throws IOException {
        Path file = write("hello.wit", """
                package demo:hello@1.0.0;
                interface greeter { greet: func(name: string) -> string; }
                world hello { export greeter; }
                """);

        int status = witbox("wit", file.toString());

        assertThat(status).isEqualTo(ExitStatus.OK);
        assertThat(cli.err()).isEmpty();
        assertThat(cli.out()).isEqualTo("""
                package demo:hello@1.0.0;

                interface greeter {
                  greet: func(name: string) -> string;
                }

                world hello {
                  export greeter;
                }
                """);
    }

    @Test
    void resolvesAPackageFolderWithItsDependencies() throws IOException {
        write("wit/deps/shapes/shapes.wit", """
                package demo:shapes@0.1.0;
                interface types { record point { x: s32, y: s32 } }
                """);
        write("wit/app.wit", """
                package demo:app;
                interface canvas {
                  use demo:shapes/types@0.1.0.{point};
                  plot: func(at: point);
                }
                """);

        int status = witbox("wit", dir.resolve("wit").toString());

        assertThat(status).isEqualTo(ExitStatus.OK);
        String printed = cli.out();
        assertThat(printed).contains("package demo:shapes@0.1.0 {", "record point");
        assertThat(printed)
                .as("the root package comes first, in header form; its dependencies follow as nested blocks")
                .startsWith("package demo:app;\n");
    }

    @Test
    void refusesInvalidWitWithItsPositionAndExitsOne() throws IOException {
        Path file = write("hello.wit", """
                package demo:hello;

                interface greeter {
                  greet: func(name: strng) -> string;
                }
                """);

        int status = witbox("wit", file.toString());

        assertThat(status).isEqualTo(ExitStatus.REFUSED);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err())
                .contains("hello.wit:4:21")
                .contains("unknown type 'strng'")
                .contains("did you mean 'string'?")
                .contains("greet: func(name: strng) -> string;")
                .doesNotContain("Exception");
    }

    @Test
    void leavesOutUnstableItemsUnlessTheirFeatureIsEnabled() throws IOException {
        Path file = write("gated.wit", """
                package demo:gated@1.0.0;
                interface api {
                  stable: func();
                  @unstable(feature = shiny)
                  shiny: func();
                }
                """);

        assertThat(witbox("wit", file.toString())).isZero();
        assertThat(cli.out()).contains("stable: func();").doesNotContain("shiny: func();");

        cli.clear();
        assertThat(witbox("wit", file.toString(), "--features", "shiny")).isZero();
        assertThat(cli.out()).contains("@unstable(feature = shiny)", "shiny: func();");

        cli.clear();
        assertThat(witbox("wit", "--all-features", file.toString())).isZero();
        assertThat(cli.out()).contains("shiny: func();");
    }

    @Test
    void aPathThatDoesNotExistIsAUsageError() {
        int status = witbox("wit", dir.resolve("missing.wit").toString());

        assertThat(status).isEqualTo(ExitStatus.USAGE);
        assertThat(cli.err()).contains("no such file or folder").contains("missing.wit");
    }

    @Test
    void anUnknownFlagIsAUsageError() throws IOException {
        Path file = write("ok.wit", "package demo:ok;\n");

        assertThat(witbox("wit", "--no-such-flag", file.toString())).isEqualTo(ExitStatus.USAGE);
        assertThat(cli.err()).contains("--no-such-flag");
    }

    @Test
    void aMissingArgumentIsAUsageError() {
        assertThat(witbox("wit")).isEqualTo(ExitStatus.USAGE);
        assertThat(cli.err()).contains("PATH");
    }

    @Test
    void helpListsTheSubcommandsAndTheExitStatuses() {
        assertThat(witbox("--help")).isZero();
        assertThat(cli.out()).contains("wit", "Exit status", "usage error");
    }

    @Test
    void readsABinaryWitPackage() {
        // written from component text by jco (tests/guests/wit-binary-deps.sh); wit-parser reads it alike
        Path wasm = Path.of("../engine/src/test/resources/wit-corpus/valid/"
                + "deps-binary-package-of-interfaces-only-from-text-format/input/deps/pkg.wasm");

        int status = witbox("wit", wasm.toString());

        assertThat(status).isEqualTo(ExitStatus.OK);
        assertThat(cli.out()).startsWith("package ex:pkg@2.0.0;\n")
                .contains("record range {\n    lo: count,\n    hi: count,\n  }")
                .contains("width: func(r: range) -> count;")
                .contains("join: func(words: list<string>) -> string;");
    }

    @Test
    void refusesAWatDependencyNamingTheConversion() throws IOException {
        write("wit/app.wit", "package demo:app;\nworld w { import demo:lib/api; }\n");
        write("wit/deps/lib.wat", "(component)\n");

        int status = witbox("wit", dir.resolve("wit").toString());

        assertThat(status).isEqualTo(ExitStatus.REFUSED);
        assertThat(cli.err()).contains("lib.wat").contains("wasm-tools parse lib.wat -o lib.wasm")
                .doesNotContain("Exception");
    }
}
