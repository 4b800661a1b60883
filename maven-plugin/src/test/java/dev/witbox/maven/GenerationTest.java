package dev.witbox.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.bindgen.BindingsGenerator;
import dev.witbox.wit.WitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationTest {

    /** Long ago, so a rewrite is obvious: a file written by a run gets the current time. */
    private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

    @TempDir
    Path dir;

    private Path wit;
    private Path out;

    @BeforeEach
    void aPackageWithADependency() throws IOException {
        wit = dir.resolve("wit");
        out = dir.resolve("generated");
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
                interface log { info: func(message: string); }
                world painter { import log; export canvas; }
                """);
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Generation.Result generate(String javaPackage) throws IOException {
        return new Generation(wit, new BindingsGenerator.Options(null, javaPackage), out).run();
    }

    /** Every file under the output folder, relative, with its modification time. */
    private Map<String, FileTime> outputFiles() throws IOException {
        Map<String, FileTime> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path p : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
                files.put(out.relativize(p).toString().replace('\\', '/'), Files.getLastModifiedTime(p));
            }
        }
        return files;
    }

    private void ageOutputFiles() throws IOException {
        for (String f : outputFiles().keySet()) {
            Files.setLastModifiedTime(out.resolve(f), LONG_AGO);
        }
    }

    private static List<String> withState(Generation.Result result) {
        List<String> files = new ArrayList<>(result.files());
        files.add(Generation.STATE_FILE);
        return files;
    }

    @Test
    void theFirstRunWritesTheSourcesAndAStateFile() throws IOException {
        Generation.Result result = generate("com.example.paint");

        assertThat(result.upToDate()).isFalse();
        assertThat(result.files()).contains("com/example/paint/Canvas.java", "com/example/paint/Log.java",
                "com/example/paint/Types.java").allMatch(f -> f.startsWith("com/example/paint/") && f.endsWith(".java"));
        assertThat(result.written()).isEqualTo(result.files().size());
        assertThat(outputFiles().keySet()).containsExactlyInAnyOrderElementsOf(withState(result));
        assertThat(Files.readString(out.resolve("com/example/paint/Canvas.java"))).contains("void plot(Types.Point at);");
    }

    @Test
    void aSecondRunWithNothingChangedTouchesNothing() throws IOException {
        generate("com.example.paint");
        ageOutputFiles();

        Generation.Result again = generate("com.example.paint");

        assertThat(again.upToDate()).isTrue();
        assertThat(outputFiles().keySet()).containsExactlyInAnyOrderElementsOf(withState(again));
        assertThat(outputFiles().values()).as("modification times").containsOnly(LONG_AGO);
    }

    @Test
    void changedWitRegeneratesRewritingOnlyTheFilesWhoseContentChangedAndDeletingStaleOnes() throws IOException {
        Generation.Result first = generate("com.example.paint");
        ageOutputFiles();
        write("wit/app.wit", """
                package demo:app;
                interface canvas {
                  use demo:shapes/types@0.1.0.{point};
                  plot: func(at: point);
                  clear: func();
                }
                world painter { export canvas; }
                """);

        Generation.Result result = generate("com.example.paint");

        assertThat(result.upToDate()).isFalse();
        assertThat(result.files()).as("Log is no longer imported").doesNotContain("com/example/paint/Log.java");
        List<String> stale = first.files().stream().filter(f -> !result.files().contains(f)).collect(Collectors.toList());
        assertThat(result.removed()).isEqualTo(stale.size()).isPositive();
        Map<String, FileTime> files = outputFiles();
        assertThat(files.keySet()).containsExactlyInAnyOrderElementsOf(withState(result));
        assertThat(files.get("com/example/paint/Types.java")).as("unchanged, not rewritten").isEqualTo(LONG_AGO);
        assertThat(result.written()).isLessThan(result.files().size());
        assertThat(files.get("com/example/paint/Canvas.java")).isNotEqualTo(LONG_AGO);
        assertThat(Files.readString(out.resolve("com/example/paint/Canvas.java"))).contains("void clear();");
    }

    @Test
    void changedOptionsRegenerateAndTheOldPackageFoldersGo() throws IOException {
        Files.createDirectories(out.resolve("com/example"));
        Files.writeString(out.resolve("com/example/Handwritten.java"), "class Handwritten {}");
        Generation.Result first = generate("com.example.paint");

        Generation.Result result = generate("com.example.draw");

        assertThat(result.upToDate()).isFalse();
        assertThat(result.removed()).isEqualTo(first.files().size());
        assertThat(out.resolve("com/example/paint")).doesNotExist();
        List<String> expected = withState(result);
        expected.add("com/example/Handwritten.java");
        assertThat(outputFiles().keySet()).as("a file the plugin did not write is never deleted")
                .containsExactlyInAnyOrderElementsOf(expected)
                .contains("com/example/draw/Canvas.java", "com/example/draw/Log.java", "com/example/draw/Types.java");
    }

    @Test
    void aDeletedGeneratedFileIsWrittenAgain() throws IOException {
        generate("com.example.paint");
        Files.delete(out.resolve("com/example/paint/Log.java"));

        Generation.Result result = generate("com.example.paint");

        assertThat(result.upToDate()).isFalse();
        assertThat(out.resolve("com/example/paint/Log.java")).isRegularFile();
    }

    @Test
    void aChangeInADependencyCounts() throws IOException {
        generate("com.example.paint");
        write("wit/deps/shapes/shapes.wit", """
                package demo:shapes@0.1.0;
                interface types { record point { x: s32, y: s32, z: s32 } }
                """);

        assertThat(generate("com.example.paint").upToDate()).isFalse();
        assertThat(Files.readString(out.resolve("com/example/paint/Types.java"))).contains("int z");
    }

    @Test
    void brokenWitLeavesTheLastOutputAsItWasAndIsNotUpToDateOnceFixed() throws IOException {
        generate("com.example.paint");
        Set<String> before = outputFiles().keySet();
        write("wit/app.wit", "package demo:app;\nworld painter {\n  export f: func(x: strng);\n}\n");

        assertThatThrownBy(() -> generate("com.example.paint")).isInstanceOf(WitException.class)
                .hasMessageContaining("app.wit:3:21: error: unknown type 'strng'");
        assertThat(outputFiles().keySet()).isEqualTo(before);

        write("wit/app.wit", "package demo:app;\nworld painter {\n  export f: func(x: string);\n}\n");
        Generation.Result fixed = generate("com.example.paint");
        assertThat(fixed.upToDate()).isFalse();
        assertThat(fixed.files()).contains("com/example/paint/Painter.java")
                .doesNotContain("com/example/paint/Canvas.java");
        assertThat(outputFiles().keySet()).containsExactlyInAnyOrderElementsOf(withState(fixed));
    }
}
