package dev.witbox.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.maven.exception.DefaultExceptionHandler;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Everything a project can hand {@code witbox:generate} wrongly (the cases of {@code errors/maven-errors.cases}):
 * each fails the build with one line naming the file and the fix, as Maven prints it (its own
 * {@link DefaultExceptionHandler}, which appends the message of every cause the line does not already contain),
 * never a stack trace or an exception's class name.
 */
class MavenErrorsTest {

    private static final Path CASES = Path.of("src/test/resources/errors/maven-errors.cases");
    private static final Path GUESTS = Path.of("../tests/guests/out");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");

    @TempDir
    static Path fixtures;

    /** The files and folders the cases name: each a different way of being wrong. */
    @BeforeAll
    static void writeFixtures() throws IOException {
        write("good/world.wit", "package demo:app;\nworld app { export greet: func(name: string) -> string; }\n");
        write("empty.wit", "");
        byte[] random = new byte[300];
        new Random(15).nextBytes(random);
        random[0] = 0x3c; // never the wasm magic, nor a valid UTF-8 sequence after it
        random[1] = (byte) 0xff;
        Files.write(fixtures.resolve("random.wasm"), random);
        byte[] component = Files.readAllBytes(GUESTS.resolve("add-greet.wasm"));
        byte[] core = Files.readAllBytes(GUESTS.resolve("add-greet.core.wasm"));
        Files.write(fixtures.resolve("add-greet.wasm"), component);
        Files.createDirectories(fixtures.resolve("emptydir"));

        write("syntax/world.wit", "package a:b;\ninterface x {\n  f: func(a: u32 -> u32;\n}\n");
        write("two-errors/world.wit",
                "package demo:app;\nworld app {\n  export f: func(a: strng);\n  export g: func(b: bool) -> boool;\n}\n");
        write("empty-file/world.wit", "");
        writeBytes("random-bytes/world.wit", random);
        write("cycle/main.wit", "package a:main;\nworld w { import c:c/i; }\n");
        write("cycle/deps/c/c.wit", "package c:c;\ninterface i { use d:d/j.{t}; type u = t; }\n");
        write("cycle/deps/d/d.wit", "package d:d;\ninterface j { use c:c/i.{u}; type t = u32; }\n");

        String usesB = "package demo:app;\nworld app { import b:b/i; }\n";
        for (String name : List.of("deps-empty", "deps-random", "deps-truncated", "deps-core", "deps-component",
                "deps-syntax", "deps-wat", "deps-dir")) {
            write(name + "/world.wit", usesB);
        }
        writeBytes("deps-empty/deps/b.wasm", new byte[0]);
        writeBytes("deps-random/deps/b.wasm", random);
        writeBytes("deps-truncated/deps/b.wasm", Arrays.copyOf(component, 200));
        writeBytes("deps-core/deps/b.wasm", core);
        writeBytes("deps-component/deps/b.wasm", component);
        write("deps-syntax/deps/b.wit", "package b:b;\ninterface i { f: func(; }\n");
        write("deps-wat/deps/b.wat", "(component)\n");
        Files.createDirectories(fixtures.resolve("deps-dir/deps/b.wasm"));
    }

    private static void write(String name, String text) throws IOException {
        writeBytes(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(String name, byte[] bytes) throws IOException {
        Path file = fixtures.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    static Stream<Arguments> cases() throws IOException {
        return Files.readAllLines(CASES).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> {
                    String[] columns = line.split("\\|", 3);
                    return Arguments.of(columns[0].trim(), columns[1].trim(), columns[2].trim());
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aWrongInputFailsTheBuildWithOneLine(String configuration, String kind, String message) {
        List<String> errors = new ArrayList<>();
        GenerateMojo mojo = mojo(configuration, errors);

        Throwable thrown = catchThrowable(mojo::execute);

        assertThat(thrown).as(configuration).isInstanceOf(kind.equals("failure")
                ? MojoFailureException.class : MojoExecutionException.class);
        String printed = new DefaultExceptionHandler().handleException(thrown).getMessage();
        assertThat(printed).as("what Maven prints for %s", configuration).contains(resolve(message))
                .doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ")
                .as("names the file or the parameter").containsAnyOf(fixtures.toString(), "<javaPackage>", "<world>");
        // the WIT errors are logged as well, each with its source line and a caret: three lines at most
        assertThat(errors).allSatisfy(e -> assertThat(e.lines().count()).isLessThanOrEqualTo(3));
        assertThat(mojo.project.getCompileSourceRoots()).isEmpty();
    }

    /** The goal configured as it works, then with the case's parameters. */
    private static GenerateMojo mojo(String configuration, List<String> errors) {
        GenerateMojo mojo = new GenerateMojo();
        mojo.witDirectory = fixtures.resolve("good").toFile();
        mojo.javaPackage = "com.example.app";
        mojo.outputDirectory = fixtures.resolve("out").resolve(Integer.toHexString(configuration.hashCode())).toFile();
        mojo.project = new MavenProject();
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
            }

            @Override
            public void error(CharSequence content) {
                errors.add(content.toString());
            }
        });
        for (String assignment : configuration.split(" ")) {
            String[] parts = assignment.split("=", 2);
            String value = resolve(parts[1]);
            switch (parts[0]) {
                case "witDirectory" -> mojo.witDirectory = new File(value);
                case "outputDirectory" -> mojo.outputDirectory = new File(value);
                case "javaPackage" -> mojo.javaPackage = value;
                case "world" -> mojo.world = value;
                default -> throw new IllegalArgumentException("no parameter " + parts[0] + " in " + CASES);
            }
        }
        return mojo;
    }

    private static String resolve(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(fixtures.resolve(m.group(1)).toString()));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
