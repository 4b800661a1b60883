package dev.witbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WitCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int witbox(String... args) {
        return Cli.create(new PrintWriter(out), new PrintWriter(err)).execute(args);
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
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).isEqualTo("""
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
        String printed = out.toString();
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
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString())
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
        assertThat(out.toString()).contains("stable: func();").doesNotContain("shiny: func();");

        out.getBuffer().setLength(0);
        assertThat(witbox("wit", file.toString(), "--features", "shiny")).isZero();
        assertThat(out.toString()).contains("@unstable(feature = shiny)", "shiny: func();");

        out.getBuffer().setLength(0);
        assertThat(witbox("wit", "--all-features", file.toString())).isZero();
        assertThat(out.toString()).contains("shiny: func();");
    }

    @Test
    void aPathThatDoesNotExistIsAUsageError() {
        int status = witbox("wit", dir.resolve("missing.wit").toString());

        assertThat(status).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains("no such file or folder").contains("missing.wit");
    }

    @Test
    void anUnknownFlagIsAUsageError() throws IOException {
        Path file = write("ok.wit", "package demo:ok;\n");

        assertThat(witbox("wit", "--no-such-flag", file.toString())).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains("--no-such-flag");
    }

    @Test
    void aMissingArgumentIsAUsageError() {
        assertThat(witbox("wit")).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains("PATH");
    }

    @Test
    void helpListsTheSubcommandsAndTheExitStatuses() {
        assertThat(witbox("--help")).isZero();
        assertThat(out.toString()).contains("wit", "Exit status", "usage error");
    }
}
