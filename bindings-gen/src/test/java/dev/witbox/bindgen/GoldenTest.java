package dev.witbox.bindgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden tests: each folder under {@code src/test/resources/golden/} holds a WIT world
 * ({@code world.wit}, or a package folder {@code wit/}), optional {@code case.properties}
 * ({@code world}, {@code package}, {@code features}) and the sources expected from it under
 * {@code expected/}. The generator's output must equal them exactly, and compile with
 * {@code -Xlint:all -Werror}.
 *
 * <p>After a deliberate change to the output, run with {@code -Dbindgen.golden.update=true} to rewrite
 * the expected files, and review every diff before committing it.
 */
class GoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final boolean UPDATE = Boolean.getBoolean("bindgen.golden.update");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> generatedSourcesMatchExpected() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
            Map<String, String> actual = render(generate(c));
            Path expectedDir = c.resolve("expected");
            if (UPDATE) {
                write(expectedDir, actual);
            }
            assertThat(read(expectedDir)).as("sources generated for golden case %s", c.getFileName())
                    .containsExactlyEntriesOf(actual);
        }));
    }

    @TestFactory
    Stream<DynamicTest> generatedSourcesCompile() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(),
                () -> Compiler.assertCompiles(generate(c), tmp.resolve(c.getFileName().toString()))));
    }

    static List<Path> cases() throws IOException {
        try (Stream<Path> s = Files.list(GOLDEN)) {
            return s.filter(Files::isDirectory).sorted().collect(Collectors.toList());
        }
    }

    static List<JavaFile> generate(Path caseDir) throws IOException {
        Properties p = new Properties();
        Path props = caseDir.resolve("case.properties");
        if (Files.exists(props)) {
            try (Reader r = Files.newBufferedReader(props, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        String name = caseDir.getFileName().toString();
        String pkg = p.getProperty("package", "golden." + name.replace('-', '_'));
        Set<String> features = Arrays.stream(p.getProperty("features", "").split(","))
                .map(String::strip).filter(f -> !f.isEmpty()).collect(Collectors.toSet());
        Path wit = Files.isDirectory(caseDir.resolve("wit")) ? caseDir.resolve("wit") : caseDir.resolve("world.wit");
        var options = new BindingsGenerator.Options(p.getProperty("world"), pkg).withFeatures(features);
        return new BindingsGenerator(options).generate(wit);
    }

    /** Relative path (package folders / Name.java) → source text. */
    static Map<String, String> render(List<JavaFile> files) {
        Map<String, String> out = new TreeMap<>();
        for (JavaFile f : files) {
            String path = f.packageName().replace('.', '/') + "/" + f.typeSpec().name() + ".java";
            assertThat(out).as("two files at %s", path).doesNotContainKey(path);
            out.put(path, f.toString());
        }
        return out;
    }

    private static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).collect(Collectors.toList())) {
                out.put(dir.relativize(f).toString().replace('\\', '/'), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void write(Path dir, Map<String, String> files) throws IOException {
        if (Files.isDirectory(dir)) {
            List<Path> old = new ArrayList<>();
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted((a, b) -> b.compareTo(a)).forEach(old::add);
            }
            for (Path f : old) {
                Files.delete(f);
            }
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
        }
    }
}
