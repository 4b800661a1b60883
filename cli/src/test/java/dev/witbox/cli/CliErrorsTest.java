package dev.witbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Everything a user can hand {@code witbox} wrongly (the cases of {@code errors/cli-errors.cases}): each ends in
 * the stated exit status and one line naming the file and what is wrong, never a stack trace.
 */
class CliErrorsTest {

    private static final Path CASES = Path.of("src/test/resources/errors/cli-errors.cases");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");

    @TempDir
    static Path fixtures;

    /** The files the cases name: each a different way of being wrong. */
    @BeforeAll
    static void writeFixtures() throws IOException {
        Files.write(fixtures.resolve("empty.wasm"), new byte[0]);
        Files.createDirectory(fixtures.resolve("dir"));
        byte[] random = new byte[300];
        new Random(15).nextBytes(random);
        random[0] = 0x3c; // never the wasm magic
        Files.write(fixtures.resolve("random.wasm"), random);
        byte[] component = Files.readAllBytes(CallCommandTest.GUESTS.resolve("add-greet.wasm"));
        Files.write(fixtures.resolve("add-greet.wasm"), component);
        Files.write(fixtures.resolve("truncated.wasm"), Arrays.copyOf(component, 200));
        Files.copy(CallCommandTest.GUESTS.resolve("add-greet.core.wasm"), fixtures.resolve("core.wasm"));
        write("syntax.wit", "package a:b;\ninterface x {\n  f: func(a: u32 -> u32;\n}\n");
        write("empty.wit", "");
        write("cycle/main.wit", "package a:main;\nworld w { import c:c/i; }\n");
        write("cycle/deps/c/c.wit", "package c:c;\ninterface i { use d:d/j.{t}; type u = t; }\n");
        write("cycle/deps/d/d.wit", "package d:d;\ninterface j { use c:c/i.{u}; type t = u32; }\n");
    }

    private static void write(String name, String text) throws IOException {
        Path file = fixtures.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static Stream<Arguments> cases() throws IOException {
        return Files.readAllLines(CASES).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> {
                    String[] columns = line.split("\\|", 3);
                    return Arguments.of(columns[0].trim(), Integer.parseInt(columns[1].trim()), columns[2].trim());
                });
    }

    @ParameterizedTest(name = "witbox {0}")
    @MethodSource("cases")
    void aWrongInputGetsOneLineAndItsExitStatus(String commandLine, int status, String firstLine) {
        CliRunner cli = new CliRunner();
        String[] args = commandLine.split(" ");
        for (int i = 0; i < args.length; i++) {
            args[i] = resolve(args[i]);
        }
        int exit = cli.run(args);
        List<String> lines = cli.err().lines().toList();
        assertThat(lines).as("stderr of witbox %s", commandLine).isNotEmpty();
        assertThat(lines.get(0)).contains(resolve(firstLine));
        assertThat(exit).as("exit status, stderr: %s", cli.err()).isEqualTo(status);
        // the one line, or for WIT the line of source and the caret under it; never a stack trace
        assertThat(lines.subList(1, lines.size())).as("stderr of witbox %s", commandLine)
                .allSatisfy(l -> assertThat(l).startsWith("  ").doesNotStartWith("\tat ").doesNotContain("Exception"));
        assertThat(lines.size()).isLessThanOrEqualTo(3);
        assertThat(cli.out()).isEmpty();
    }

    @ParameterizedTest(name = "witbox --debug {0}")
    @MethodSource("cases")
    void debugAddsTheStackTrace(String commandLine, int status, String firstLine) {
        CliRunner cli = new CliRunner();
        String[] args = Stream.concat(Stream.of(commandLine.split(" ")), Stream.of("--debug"))
                .map(CliErrorsTest::resolve).toArray(String[]::new);
        if (commandLine.equals("frobnicate")) {
            args = new String[] {"--debug", "frobnicate"};
        }
        assertThat(cli.run(args)).isEqualTo(status);
        assertThat(cli.err()).contains("\tat ");
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

    static {
        // the cases file is read relative to the module, as Maven runs the tests
        if (!Files.exists(CASES)) {
            throw new UncheckedIOException(new IOException("missing " + CASES.toAbsolutePath()));
        }
    }
}
