package dev.witbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallCommandTest {

    static final Path GUESTS = Path.of("../tests/guests/out");
    static final Path FIXTURES = Path.of("../engine/src/test/resources/components");

    @TempDir
    Path dir;

    private final CliRunner cli = new CliRunner();

    private int witbox(String... args) {
        return cli.run(args);
    }

    private static String guest(String name) {
        return GUESTS.resolve(name + ".wasm").toString();
    }

    @Test
    void printsOneLineWithEveryStatementsResult() {
        int status = witbox("call", guest("add-greet"), "add(1, 2); greet(\"wörld\")");

        assertThat(cli.err()).isEmpty();
        assertThat(status).isEqualTo(ExitStatus.OK);
        assertThat(cli.out()).isEqualTo("3; \"Hello, wörld!\"\n");
    }

    @Test
    void resourcesAreBoundToVariablesAndDropped() {
        int status = witbox("call", guest("resources"),
                "$c = [constructor]counter(5); [method]counter.increment($c, 3); live-counters(); drop($c); "
                        + "api#destroyed()");

        assertThat(status).isEqualTo(ExitStatus.OK);
        assertThat(cli.out()).isEqualTo("$c; 8; 1; (); 1\n");
    }

    @Test
    void jsonIsOneDocumentWithOneObjectPerStatement() {
        int status = witbox("call", "--output", "json", guest("resources"),
                "$c = [constructor]counter(5); [method]counter.get($c); drop($c)");

        assertThat(status).isEqualTo(ExitStatus.OK);
        assertThat(cli.out()).isEqualTo("["
                + "{\"call\":\"demo:res/api@0.1.0#[constructor]counter\",\"var\":\"c\",\"result\":{\"resource\":\"counter\",\"var\":\"c\"}},"
                + "{\"call\":\"demo:res/api@0.1.0#[method]counter.get\",\"result\":5},"
                + "{\"drop\":\"c\"}]\n");
    }

    @Test
    void mapsAreWrittenAsTheirPairsInWaveAndJson() {
        int status = witbox("call", guest("maps"), "invert([(\"a\", 1), (\"b\", 2)]); dupes()");

        assertThat(cli.err()).isEmpty();
        assertThat(status).isEqualTo(ExitStatus.OK);
        assertThat(cli.out()).isEqualTo("[(1, \"a\"), (2, \"b\")]; [(\"a\", 1), (\"b\", 7), (\"a\", 2)]\n");

        cli.clear();
        assertThat(witbox("call", "--output=json", guest("maps"), "dupes()")).isEqualTo(ExitStatus.OK);
        assertThat(cli.out()).isEqualTo("[{\"call\":\"demo:maps/maps@0.1.0#dupes\","
                + "\"result\":[[\"a\",1],[\"b\",7],[\"a\",2]]}]\n");
    }

    @Test
    void jsonMapsEveryKindOfValue() {
        int status = witbox("call", "--output=json", guest("values"), String.join("; ",
                "echo-u64(18446744073709551615)", "echo-s64(-1)", "echo-u32(4294967295)", "echo-f32(-0)",
                "echo-f64(inf)", "echo-f64(nan)", "echo-f64(0.1)", "echo-char('😁')", "echo-string(\"a\\\"b\")",
                "echo-tuple((1, \"a\", 2.5))", "echo-point({x: 1, y: -2})", "echo-color(blue)",
                "echo-perm5({read, exec})", "echo-perm5({})", "echo-shape(rect({x: 0, y: 1}))", "echo-shape(empty)",
                "echo-option(none)", "echo-option-option(some(none))", "echo-result(err(\"e\"))",
                "echo-result-empty(ok)", "echo-bytes([1, 255])", "echo-lists([[1], []])"));

        assertThat(cli.err()).isEmpty();
        assertThat(status).isEqualTo(ExitStatus.OK);
        String e = "demo:values/echo@0.1.0#";
        assertThat(cli.out()).isEqualTo("["
                + "{\"call\":\"" + e + "echo-u64\",\"result\":\"18446744073709551615\"},"
                + "{\"call\":\"" + e + "echo-s64\",\"result\":\"-1\"},"
                + "{\"call\":\"" + e + "echo-u32\",\"result\":4294967295},"
                + "{\"call\":\"" + e + "echo-f32\",\"result\":-0.0},"
                + "{\"call\":\"" + e + "echo-f64\",\"result\":\"inf\"},"
                + "{\"call\":\"" + e + "echo-f64\",\"result\":\"nan\"},"
                + "{\"call\":\"" + e + "echo-f64\",\"result\":0.1},"
                + "{\"call\":\"" + e + "echo-char\",\"result\":\"😁\"},"
                + "{\"call\":\"" + e + "echo-string\",\"result\":\"a\\\"b\"},"
                + "{\"call\":\"" + e + "echo-tuple\",\"result\":[1,\"a\",2.5]},"
                + "{\"call\":\"" + e + "echo-point\",\"result\":{\"x\":1,\"y\":-2}},"
                + "{\"call\":\"" + e + "echo-color\",\"result\":\"blue\"},"
                + "{\"call\":\"" + e + "echo-perm5\",\"result\":[\"read\",\"exec\"]},"
                + "{\"call\":\"" + e + "echo-perm5\",\"result\":[]},"
                + "{\"call\":\"" + e + "echo-shape\",\"result\":{\"tag\":\"rect\",\"val\":{\"x\":0,\"y\":1}}},"
                + "{\"call\":\"" + e + "echo-shape\",\"result\":{\"tag\":\"empty\"}},"
                + "{\"call\":\"" + e + "echo-option\",\"result\":{\"tag\":\"none\"}},"
                + "{\"call\":\"" + e + "echo-option-option\",\"result\":{\"tag\":\"some\",\"val\":{\"tag\":\"none\"}}},"
                + "{\"call\":\"" + e + "echo-result\",\"result\":{\"tag\":\"err\",\"val\":\"e\"}},"
                + "{\"call\":\"" + e + "echo-result-empty\",\"result\":{\"tag\":\"ok\"}},"
                + "{\"call\":\"" + e + "echo-bytes\",\"result\":[1,255]},"
                + "{\"call\":\"" + e + "echo-lists\",\"result\":[[1],[]]}]\n");
    }

    @Test
    void aTrapEndsTheScriptExplainsOnStderrAndExitsOne() {
        int status = witbox("call", guest("misbehave"), "div-zero(1); div-zero(0); div-zero(1); div-zero(2)");

        assertThat(status).isEqualTo(ExitStatus.REFUSED);
        assertThat(cli.out()).isEqualTo("1; <trap>\n");
        assertThat(cli.err())
                .startsWith("witbox: statement 2 of 4 trapped: plugin 'misbehave' trapped in 'div-zero': ")
                .contains("the last 2 statements did not run")
                .doesNotContain("\tat ");
    }

    @Test
    void verboseShowsTheTrapsStackTrace() {
        int status = witbox("call", "--verbose", guest("misbehave"), "unreachable()");

        assertThat(status).isEqualTo(ExitStatus.REFUSED);
        assertThat(cli.out()).isEqualTo("<trap>\n");
        assertThat(cli.err()).contains("PluginTrapException").contains("\tat ");
    }

    @Test
    void aTrapInJsonIsTheLastElement() {
        int status = witbox("call", "--output", "json", guest("misbehave"), "div-zero(1); div-zero(0); div-zero(2)");

        assertThat(status).isEqualTo(ExitStatus.REFUSED);
        assertThat(cli.out()).startsWith("[{\"call\":\"div-zero\",\"result\":1},{\"call\":\"div-zero\",\"trap\":\"plugin 'misbehave' trapped in 'div-zero': ")
                .endsWith("\"}]\n");
    }

    @Test
    void aCallThatRunsPastTheTimeoutTraps() {
        int status = witbox("call", "--timeout", "0.5", guest("misbehave"), "infinite-loop()");

        assertThat(status).isEqualTo(ExitStatus.REFUSED);
        assertThat(cli.out()).isEqualTo("<trap>\n");
        assertThat(cli.err()).contains("timeout");
    }

    @Test
    void anUnknownExportIsAUsageErrorListingTheExports() {
        int status = witbox("call", guest("add-greet"), "add(1, 2); sub(3, 1)");

        assertThat(status).isEqualTo(ExitStatus.USAGE);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).contains("unknown function 'sub'; available: add, greet at column 12");
    }

    @Test
    void anUnreadableScriptIsAUsageErrorWithItsColumn() {
        assertThat(witbox("call", guest("add-greet"), "add(1, ")).isEqualTo(ExitStatus.USAGE);
        assertThat(cli.err()).contains("cannot read the script: ").contains("at column 8");
    }

    @Test
    void anArgumentOfTheWrongTypeIsAUsageError() {
        assertThat(witbox("call", guest("add-greet"), "add(1, \"two\")")).isEqualTo(ExitStatus.USAGE);
        assertThat(cli.err()).contains("cannot run the script: ").contains("column 8");
    }

    @Test
    void otherUsageErrorsExitTwo() {
        assertThat(witbox("call", dir.resolve("missing.wasm").toString(), "add(1, 2)")).isEqualTo(ExitStatus.USAGE);
        assertThat(cli.err()).contains("no such file");
        assertThat(witbox("call", guest("add-greet"))).isEqualTo(ExitStatus.USAGE);
        assertThat(witbox("call", "--output", "xml", guest("add-greet"), "add(1, 2)")).isEqualTo(ExitStatus.USAGE);
        assertThat(witbox("call", "--timeout", "-1", guest("add-greet"), "add(1, 2)")).isEqualTo(ExitStatus.USAGE);
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void aMalformedOrUnrunnableBinaryIsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(GUESTS.resolve("add-greet.wasm"));
        Path truncated = Files.write(dir.resolve("truncated.wasm"), java.util.Arrays.copyOf(bytes, 100));

        assertThat(witbox("call", truncated.toString(), "add(1, 2)")).isEqualTo(ExitStatus.REFUSED);
        assertThat(cli.err()).contains("offset");
        assertThat(witbox("call", guest("add-greet.core"), "add(1, 2)")).isEqualTo(ExitStatus.REFUSED);
        assertThat(cli.err()).contains("is a core module without a WIT world");
        assertThat(witbox("call", FIXTURES.resolve("tiny-reactor.wasm").toString(), "greet(\"x\")"))
                .isEqualTo(ExitStatus.REFUSED);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).doesNotContain("\tat ");
    }
}
