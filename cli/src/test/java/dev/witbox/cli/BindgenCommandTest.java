package dev.witbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BindgenCommandTest {

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

    private Path packageWithDependency() throws IOException {
        write("wit/deps/shapes/shapes.wit", """
                package demo:shapes@0.1.0;
                interface types { record point { x: s32, y: s32 } }
                """);
        write("wit/app.wit", """
                package demo:app;
                interface canvas {
                  use demo:shapes/types@0.1.0.{point};
                  plot: func(at: point) -> u32;
                }
                world painter { export canvas; }
                """);
        return dir.resolve("wit");
    }

    @Test
    void writesTheWorldsInterfacesIntoThePackageFoldersAndPrintsTheirPaths() throws IOException {
        Path wit = packageWithDependency();
        Path outDir = dir.resolve("generated");

        int status = witbox("bindgen", "--wit", wit.toString(), "--world", "painter", "--package", "com.example.paint",
                "--out", outDir.toString());

        assertThat(err.toString()).isEmpty();
        assertThat(status).isEqualTo(ExitStatus.OK);
        Path canvas = outDir.resolve("com/example/paint/Canvas.java");
        assertThat(canvas).isRegularFile();
        assertThat(Files.readString(canvas))
                .contains("package com.example.paint;")
                .contains("@WitInterface(\"demo:app/canvas\")")
                .contains("long plot(Types.Point at);");
        assertThat(outDir.resolve("com/example/paint/Types.java")).isRegularFile();
        assertThat(out.toString().lines()).contains(canvas.toString());
    }

    @Test
    void theWorldMayBeLeftOutWhenThePackageHasOnlyOne() throws IOException {
        Path wit = packageWithDependency();

        int status = witbox("bindgen", "--wit", wit.toString(), "--package", "p", "--out", dir.resolve("o").toString());

        assertThat(status).isEqualTo(ExitStatus.OK);
        assertThat(dir.resolve("o/p/Canvas.java")).isRegularFile();
    }

    @Test
    void unstableItemsAreGeneratedOnlyWithTheirFeature() throws IOException {
        Path wit = write("gated.wit", """
                package demo:gated;
                world gated {
                  export stable: func();
                  @unstable(feature = shiny)
                  export shiny: func();
                }
                """);

        assertThat(witbox("bindgen", "--wit", wit.toString(), "--package", "a", "--out", dir.resolve("a").toString()))
                .isEqualTo(ExitStatus.OK);
        assertThat(witbox("bindgen", "--wit", wit.toString(), "--package", "b", "--out", dir.resolve("b").toString(),
                "--features", "shiny")).isEqualTo(ExitStatus.OK);
        assertThat(witbox("bindgen", "--wit", wit.toString(), "--package", "c", "--out", dir.resolve("c").toString(),
                "--all-features")).isEqualTo(ExitStatus.OK);

        assertThat(Files.readString(dir.resolve("a/a/Gated.java"))).contains("void stable()").doesNotContain("shiny");
        assertThat(Files.readString(dir.resolve("b/b/Gated.java"))).contains("void shiny()");
        assertThat(Files.readString(dir.resolve("c/c/Gated.java"))).contains("void shiny()");
    }

    @Test
    void brokenWitIsRefusedWithItsPositionAndNothingIsWritten() throws IOException {
        Path wit = write("broken.wit", "package demo:broken;\nworld w {\n  export f: func(x: strng);\n}\n");
        Path outDir = dir.resolve("out");

        int status = witbox("bindgen", "--wit", wit.toString(), "--package", "p", "--out", outDir.toString());

        assertThat(status).isEqualTo(ExitStatus.REFUSED);
        assertThat(err.toString()).contains("broken.wit:3:21: error: unknown type 'strng'").doesNotContain("\tat ");
        assertThat(outDir).doesNotExist();
    }

    @Test
    void aWorldTheGeneratorCannotHandleIsRefusedNamingTheFunction() throws IOException {
        Path wit = write("async.wit", "package demo:later;\nworld w {\n  export slow: async func();\n}\n");

        int status = witbox("bindgen", "--wit", wit.toString(), "--package", "p", "--out", dir.resolve("o").toString());

        assertThat(status).isEqualTo(ExitStatus.REFUSED);
        assertThat(err.toString()).contains("slow").contains("async").doesNotContain("\tat ");
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        Path wit = packageWithDependency();
        String outDir = dir.resolve("o").toString();

        assertThat(witbox("bindgen", "--wit", wit.toString(), "--out", outDir)).as("no --package")
                .isEqualTo(ExitStatus.USAGE);
        assertThat(witbox("bindgen", "--wit", dir.resolve("missing").toString(), "--package", "p", "--out", outDir))
                .as("no such WIT").isEqualTo(ExitStatus.USAGE);
        assertThat(witbox("bindgen", "--wit", wit.toString(), "--package", "not a.package", "--out", outDir))
                .as("not a Java package name").isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains("'not a.package' is not a valid Java package name");
    }

    @Test
    void anUnknownWorldIsRefusedWithTheWorldsThereAre() throws IOException {
        Path wit = packageWithDependency();

        int status = witbox("bindgen", "--wit", wit.toString(), "--world", "paintr", "--package", "p", "--out",
                dir.resolve("o").toString());

        assertThat(status).isEqualTo(ExitStatus.REFUSED);
        assertThat(err.toString()).contains("no world 'paintr'").contains("painter");
    }
}
