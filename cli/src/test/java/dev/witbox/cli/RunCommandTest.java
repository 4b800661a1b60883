package dev.witbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code witbox run}: a C command through the preview1 command adapter, with exactly the flags' capabilities. */
class RunCommandTest {

    static final Path WASI = Path.of("../tests/guests/out/wasi");

    @TempDir
    Path dir;

    private final CliRunner cli = new CliRunner();

    private int witbox(String... args) {
        return cli.run(args);
    }

    private static String hello() {
        return WASI.resolve("wasi-hello.wasm").toString();
    }

    @Test
    void runsWithNothingGranted() {
        assertThat(witbox("run", hello())).isZero();
        assertThat(cli.out()).isEqualTo("(no greeting) from wasi-hello, 1 args\narg wasi-hello.wasm\n");
        assertThat(cli.err()).isEqualTo("bye\n");
    }

    @Test
    void argsEnvAndStdinAsGranted() throws IOException {
        Path in = Files.writeString(dir.resolve("in.txt"), "héllo stdin\n");
        int status = witbox("run", "--env", "GREETING=hi", "--stdin", in.toString(), hello(), "--", "0", "two");
        assertThat(status).isZero();
        assertThat(cli.out()).isEqualTo("hi from wasi-hello, 3 args\narg wasi-hello.wasm\narg 0\narg two\n"
                + "héllo stdin\n");
    }

    @Test
    void exitsWithTheGuestsStatus() {
        assertThat(witbox("run", hello(), "--", "7")).isEqualTo(1);
        assertThat(cli.out()).contains("arg 7");
    }

    @Test
    void aPreviewOneCoreModuleRunsItsStartAndExitsWithItsCode() throws IOException {
        Path in = Files.writeString(dir.resolve("in.txt"), "core stdin\n");
        int status = witbox("run", "--env", "GREETING=hey", "--stdin", in.toString(),
                WASI.resolve("wasi-hello.p1.wasm").toString(), "--", "7");
        // proc_exit carries the code itself on preview 1
        assertThat(status).isEqualTo(7);
        assertThat(cli.out()).isEqualTo("hey from wasi-hello, 2 args\narg wasi-hello.p1.wasm\narg 7\ncore stdin\n");
        assertThat(cli.err()).isEqualTo("bye\n");
    }

    @Test
    void aPreviewOneCoreModuleSeesOnlyTheGrantedDirectory() throws IOException {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.writeString(data.resolve("inside.txt"), "inside");
        int status = witbox("run", "--dir", data + "::/ro:ro", WASI.resolve("wasi-probe.p1.wasm").toString(),
                "--", "readonly");
        assertThat(status).isZero();
        assertThat(cli.out()).contains("read ro: 6 'inside'").endsWith("readonly done\n").doesNotContain("ALLOWED");
        assertThat(Files.list(data).map(p -> p.getFileName().toString()).toList()).containsExactly("inside.txt");
    }

    @Test
    void aReactorIsNotACommand() {
        assertThat(witbox("run", WASI.resolve("wasi-probe.wasm").toString())).isEqualTo(1);
        assertThat(cli.err()).contains("is not a command");
    }

    @Test
    void badFlagsAreUsageErrors() {
        assertThat(witbox("run", "--dir", "nope", hello())).isEqualTo(2);
        assertThat(witbox("run", "--env", "NOEQUALS", hello())).isEqualTo(2);
    }

    @Test
    void callTakesTheSameCapabilitiesAndArgs() throws IOException {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.writeString(data.resolve("inside.txt"), "inside");
        int status = witbox("call", "--arg", "probe", "--arg", "x y", "--env", "A=1",
                "--dir", data + "::/ro:ro", WASI.resolve("wasi-probe.wasm").toString(),
                "run(\"args\"); run(\"env\"); run(\"readonly\")");
        assertThat(status).isZero();
        assertThat(cli.out()).startsWith("argc=2\narg[0]=probe\narg[1]=x y\nenv A=1\nenvc=1\n")
                .contains("read ro: 6 'inside'").endsWith("0; 0; 0\n");
        assertThat(Files.list(data).map(p -> p.getFileName().toString()).toList()).containsExactly("inside.txt");
    }

    @Test
    void callWithoutFlagsGrantsNothing() {
        int status = witbox("call", WASI.resolve("wasi-probe.wasm").toString(), "run(\"args\"); run(\"env\")");
        assertThat(status).isZero();
        assertThat(cli.out()).isEqualTo("argc=0\nenvc=0\n0; 0\n");
    }
}
