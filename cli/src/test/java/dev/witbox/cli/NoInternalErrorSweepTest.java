package dev.witbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every component and core module the project has — the guests, the decoder's fixtures (valid and
 * invalid), the conformance cases — goes through {@code witbox inspect --verbose} and through {@code witbox
 * call}'s load (with a script naming no export): whatever the verdict, witbox answers with a result, a
 * refusal or a usage error, never an internal error (exit 70).
 */
class NoInternalErrorSweepTest {

    private static final List<Path> ROOTS = List.of(
            Path.of("../tests/guests"), Path.of("../engine/src/test/resources"));

    static Stream<Path> binaries() throws IOException {
        List<Path> all = new java.util.ArrayList<>();
        for (Path root : ROOTS) {
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(p -> p.toString().endsWith(".wasm"))
                        .filter(p -> !p.toString().contains("node_modules") && !p.toString().contains("/build/"))
                        .sorted()
                        .forEach(all::add);
            }
        }
        assertThat(all).hasSizeGreaterThan(100);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaries")
    void neverAnInternalError(Path wasm) {
        for (String[] args : List.of(new String[] {"inspect", "--verbose", wasm.toString()},
                new String[] {"call", wasm.toString(), "no-such-export()"})) {
            CliRunner cli = new CliRunner();
            int status = cli.run(args);
            assertThat(status).as("witbox %s: %s", String.join(" ", args), cli.err())
                    .isIn(ExitStatus.OK, ExitStatus.REFUSED, ExitStatus.USAGE);
            assertThat(cli.err()).doesNotContain("internal error");
        }
    }
}
