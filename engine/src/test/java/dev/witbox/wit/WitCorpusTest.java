package dev.witbox.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the WIT conformance corpus in {@code src/test/resources/wit-corpus} (see its README):
 * one dynamic test per case directory, named after the case.
 *
 * <ul>
 *   <li>valid cases must load, print exactly {@code expected.wit}, and print the same again
 *       after parsing their own print;
 *   <li>invalid cases must throw {@link WitException} whose first diagnostic has the expected
 *       file, line and column and a message containing the expected phrase.
 * </ul>
 *
 * <p>No other exception is acceptable for any case. With {@code -Dwit.corpus.update=true},
 * a valid case without {@code expected.wit} gets one written from the current printer (it must
 * then be reviewed by hand); existing expectations are never overwritten.
 */
class WitCorpusTest {

    static final int MIN_VALID = 100;
    static final int MIN_INVALID = 75;

    /** The corpus in the source tree (so that the update mode writes where it belongs). */
    static Path corpusRoot() {
        Path fromBasedir = Paths.get(System.getProperty("basedir", "."))
                .resolve("src/test/resources/wit-corpus");
        if (Files.isDirectory(fromBasedir)) {
            return fromBasedir.toAbsolutePath().normalize();
        }
        try {
            var url = WitCorpusTest.class.getResource("/wit-corpus");
            if (url == null) {
                throw new IllegalStateException("wit-corpus not found");
            }
            return Paths.get(url.toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> cases(String kind) {
        Path dir = corpusRoot().resolve(kind);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path a case is loaded from: {@code input.wit} or the {@code input/} folder. */
    static Path input(Path caseDir) {
        Path file = caseDir.resolve("input.wit");
        Path folder = caseDir.resolve("input");
        boolean hasFile = Files.isRegularFile(file);
        boolean hasFolder = Files.isDirectory(folder);
        if (hasFile == hasFolder) {
            throw new IllegalStateException(caseDir.getFileName()
                    + ": a case needs exactly one of input.wit and input/");
        }
        return hasFile ? file : folder;
    }

    static WitOptions options(Path caseDir) {
        Path features = caseDir.resolve("features.txt");
        if (!Files.exists(features)) {
            return WitOptions.defaults();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String line : read(features).split("\n", -1)) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            if (name.equals("*")) {
                return WitOptions.defaults().withAllFeatures();
            }
            names.add(name);
        }
        return WitOptions.defaults().withFeatures(names);
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String describe(WitException e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (WitDiagnostic d : e.diagnostics()) {
            sb.append("\n  ").append(d.file()).append(':').append(d.line()).append(':')
                    .append(d.column()).append(": ").append(d.message());
        }
        return sb.toString();
    }

    @TestFactory
    Stream<DynamicTest> valid() {
        return cases("valid").stream().map(dir -> DynamicTest.dynamicTest(
                dir.getFileName().toString(), dir.toUri(), () -> runValid(dir)));
    }

    @TestFactory
    Stream<DynamicTest> invalid() {
        return cases("invalid").stream().map(dir -> DynamicTest.dynamicTest(
                dir.getFileName().toString(), dir.toUri(), () -> runInvalid(dir)));
    }

    @Test
    void corpusKeepsItsSize() {
        int valid = cases("valid").size();
        int invalid = cases("invalid").size();
        assertTrue(valid >= MIN_VALID, "only " + valid + " valid cases, expected at least " + MIN_VALID);
        assertTrue(invalid >= MIN_INVALID,
                "only " + invalid + " invalid cases, expected at least " + MIN_INVALID);
    }

    @Test
    void everyCaseIsWellFormed() {
        List<String> problems = new ArrayList<>();
        for (String kind : List.of("valid", "invalid")) {
            for (Path dir : cases(kind)) {
                String name = dir.getFileName().toString();
                if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                    problems.add(kind + "/" + name + ": name is not kebab-case");
                }
                try {
                    input(dir);
                } catch (IllegalStateException e) {
                    problems.add(kind + "/" + e.getMessage());
                }
                if (kind.equals("invalid")) {
                    Path exp = dir.resolve("expected-error.txt");
                    if (!Files.isRegularFile(exp)) {
                        problems.add("invalid/" + name + ": missing expected-error.txt");
                    } else {
                        try {
                            ExpectedError.parse(read(exp));
                        } catch (IllegalArgumentException e) {
                            problems.add("invalid/" + name + ": " + e.getMessage());
                        }
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    static void runValid(Path dir) throws IOException {
        WitOptions options = options(dir);
        String printed;
        try {
            printed = WitPrinter.print(Wit.load(input(dir), options));
        } catch (WitException e) {
            fail("valid case was rejected: " + describe(e), e);
            return;
        }
        Path expectedFile = dir.resolve("expected.wit");
        if (!Files.exists(expectedFile)) {
            if (Boolean.getBoolean("wit.corpus.update")) {
                Files.writeString(expectedFile, printed, StandardCharsets.UTF_8);
            } else {
                fail("missing expected.wit (run with -Dwit.corpus.update=true, then review it)");
            }
        }
        assertEquals(read(expectedFile), printed, "printed resolve differs from expected.wit");

        String reprinted;
        try {
            reprinted = WitPrinter.print(Wit.parse("expected.wit", printed, options));
        } catch (WitException e) {
            fail("the printer's output does not parse again: " + describe(e), e);
            return;
        }
        assertEquals(printed, reprinted, "print -> parse -> print is not stable");
    }

    static void runInvalid(Path dir) {
        ExpectedError expected = ExpectedError.parse(read(dir.resolve("expected-error.txt")));
        Path input = input(dir);
        WitException thrown = null;
        try {
            Wit.load(input, options(dir));
        } catch (WitException e) {
            thrown = e;
        }
        if (thrown == null) {
            fail("invalid case was accepted; expected an error at " + expected.location()
                    + " containing \"" + expected.phrase + "\"");
        }
        List<WitDiagnostic> diagnostics = thrown.diagnostics();
        assertTrue(diagnostics != null && !diagnostics.isEmpty(),
                "WitException without diagnostics: " + thrown.getMessage());
        WitDiagnostic first = diagnostics.get(0);
        Path inputRoot = Files.isDirectory(input) ? input : input.getParent();
        String actualFile = relativeFile(first.file(), inputRoot);
        String actual = actualFile + ":" + first.line() + ":" + first.column();
        assertEquals(expected.location(), actual,
                "first diagnostic at the wrong place; diagnostics were:\n" + describe(thrown));
        assertTrue(first.message() != null && first.message().contains(expected.phrase),
                "first diagnostic's message lacks \"" + expected.phrase + "\": "
                        + describe(thrown));
    }

    /** The diagnostic's file relative to the input root, '/'-separated. */
    static String relativeFile(String file, Path inputRoot) {
        if (file == null) {
            return "<null>";
        }
        String f = file.replace('\\', '/');
        Path p = Paths.get(file);
        Path root = inputRoot.toAbsolutePath().normalize();
        if (p.isAbsolute()) {
            Path n = p.normalize();
            if (n.startsWith(root)) {
                return root.relativize(n).toString().replace('\\', '/');
            }
            return f;
        }
        Path abs = p.toAbsolutePath().normalize();
        if (abs.startsWith(root) && !abs.equals(root)) {
            return root.relativize(abs).toString().replace('\\', '/');
        }
        return f;
    }

    /** The two lines of {@code expected-error.txt}. */
    static final class ExpectedError {
        final String file;
        final int line;
        final int column;
        final String phrase;

        ExpectedError(String file, int line, int column, String phrase) {
            this.file = file;
            this.line = line;
            this.column = column;
            this.phrase = phrase;
        }

        String location() {
            return file + ":" + line + ":" + column;
        }

        static ExpectedError parse(String text) {
            String[] lines = text.split("\r?\n", -1);
            if (lines.length < 2 || lines[1].isEmpty()) {
                throw new IllegalArgumentException("expected-error.txt needs FILE:LINE:COL and a phrase");
            }
            String[] loc = lines[0].split(":");
            if (loc.length != 3) {
                throw new IllegalArgumentException("bad location line: " + lines[0]);
            }
            try {
                return new ExpectedError(loc[0], Integer.parseInt(loc[1]), Integer.parseInt(loc[2]),
                        lines[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad location line: " + lines[0]);
            }
        }
    }
}
