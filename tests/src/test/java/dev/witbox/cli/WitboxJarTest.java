package dev.witbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code cli/target/witbox.jar} as a separate process, exactly as the README tells a user
 * to, and checks what a script would see: the exit status and the two output streams.
 */
class WitboxJarTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = REPOSITORY.resolve("cli/target/witbox.jar");

    record Run(int status, String out, String err) {}

    @BeforeAll
    static void theJarHasBeenBuilt() {
        assertThat(JAR).as("the cli module packages witbox.jar before this module's tests run").isRegularFile();
    }

    static Run witbox(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(REPOSITORY.toFile()).start();
        process.getOutputStream().close();
        // Output is small here; read both streams fully before waiting.
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("witbox finished").isTrue();
        return new Run(process.exitValue(), out, err);
    }

    @Test
    void witPrintsTheSampleAppsPluginWorldsResolved() throws Exception {
        Run run = witbox("wit", "sample-app/src/main/wit");

        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(run.out())
                .contains("package witbox:sample@0.1.0")
                .contains("world thumbnailer")
                .contains("world filter-chain")
                .contains("thumbnail: func(data: list<u8>, spec: thumbnail-spec) -> result<encoded, image-error>;");
    }

    @Test
    void refusedWitExitsOneWithThePositionAndNoStackTrace(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("broken.wit"), "package demo:broken;\ninterface i {\n  f: func(;\n}\n");

        Run run = witbox("wit", file.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("broken.wit:3:").doesNotContain("\tat ");
    }

    @Test
    void inspectPrintsAComponentsWorld() throws Exception {
        Run run = witbox("inspect", "tests/guests/out/add-greet.wasm");

        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo("""
                package root:component;

                world root {
                  export add: func(a: u32, b: u32) -> u32;
                  export greet: func(name: string) -> string;
                }
                """);
        assertThat(witbox("inspect", "tests/guests/out/missing.wasm").status()).isEqualTo(2);
    }

    @Test
    void bindgenWritesTheSamplePluginsJavaInterfaces(@TempDir Path dir) throws Exception {
        Run run = witbox("bindgen", "--wit", "sample-app/src/main/wit", "--world", "thumbnailer", "--package",
                "com.example.thumbs", "--out", dir.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        Path thumbnails = dir.resolve("com/example/thumbs/Thumbnails.java");
        assertThat(run.out().lines()).contains(thumbnails.toString());
        assertThat(Files.readString(thumbnails)).contains("@WitInterface(\"witbox:sample/thumbnails@0.1.0\")");
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        assertThat(witbox("wit").status()).isEqualTo(2);
        assertThat(witbox("no-such-command").status()).isEqualTo(2);
        assertThat(witbox("wit", "does/not/exist.wit").status()).isEqualTo(2);
    }

    @Test
    void versionNamesTheBuild() throws Exception {
        Run run = witbox("--version");

        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("witbox ");
    }
}
