package dev.witbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.abi.FunctionType;
import dev.witbox.abi.ValueType;
import dev.witbox.api.PluginLinkException;
import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Plain core modules with their WIT world embedded in a {@code component-type} section
 * ({@code tests/guests/out/*.embed.wasm}, made by jco's componentEmbed): loaded as components following the
 * canonical core module conventions.
 */
class EmbeddedModuleTest {

    private static final FunctionType LOG = new FunctionType(
            List.of(new FunctionType.Param("msg", ValueType.Scalar.STRING)), null);
    private static final FunctionType BASE = new FunctionType(List.of(), ValueType.Scalar.U32);
    private static final FunctionType NOW = new FunctionType(List.of(), ValueType.Scalar.U64);
    private static final String HOST = "demo:embed/host@0.1.0";
    private static final String API = "demo:embed/api@0.1.0";

    private static Plugin embedded(String name) {
        return Guests.ENGINE.load(name + ".embed", read(Guests.OUT.resolve(name + ".embed.wasm")));
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every case of the guest, through the embedded module, gives what the component gives. */
    @TestFactory
    Stream<DynamicTest> sameCasesSameResults() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : List.of("add-greet", "resources")) {
            Plugin embedded = embedded(name);
            Plugin component = Guests.plugin(name);
            List<String> expected = Guests.lines(Guests.guestFile(name, ".expected"));
            for (String line : expected) {
                String call = line.substring(0, line.indexOf(" => "));
                String want = line.substring(line.indexOf(" => ") + 4);
                tests.add(DynamicTest.dynamicTest(name + ".embed " + call, () -> {
                    Guests.Run viaEmbedded = Guests.run(embedded, call);
                    Guests.Run viaComponent = Guests.run(component, call);
                    assertThat(viaEmbedded.trap() != null).as("%s traps", call).isEqualTo(viaComponent.trap() != null);
                    assertThat(viaEmbedded.printed()).as(call).isEqualTo(viaComponent.printed());
                    if (viaEmbedded.trap() == null && !want.startsWith("<")) {
                        assertThat(viaEmbedded.printed()).as("%s against %s.expected", call, name).isEqualTo(want);
                    }
                }));
            }
        }
        assertThat(tests).hasSizeGreaterThan(30);
        return tests.stream();
    }

    @Test
    void exportsAndImportsFollowTheNamingConventions() {
        Plugin p = embedded("embed-iface");
        assertThat(p.exports()).extracting(ExportedFunction::name)
                .containsExactlyInAnyOrder(API + "#shout", API + "#offset", "stamp");
        ExportedFunction shout = p.exports().stream().filter(f -> f.name().endsWith("#shout")).findFirst().orElseThrow();
        assertThat(shout.interfaceName()).isEqualTo(API);
        assertThat(shout.functionName()).isEqualTo("shout");
        assertThat(shout.signature()).isEqualTo("shout: func(msg: string) -> string");
        ExportedFunction stamp = p.exports().stream().filter(f -> f.name().equals("stamp")).findFirst().orElseThrow();
        assertThat(stamp.interfaceName()).isNull();
        assertThat(p.imports()).extracting(ImportedFunction::name)
                .containsExactlyInAnyOrder(HOST + "#log", HOST + "#base", "now");
        assertThat(p.imports()).extracting(ImportedFunction::signature)
                .contains("log: func(msg: string)", "now: func() -> u64");
    }

    @Test
    void importsAreCalledThroughHostImports() {
        List<String> logged = new ArrayList<>();
        HostImports imports = HostImports.builder()
                .function(HOST, "log", LOG, args -> {
                    logged.add(((WitValue.Str) args[0]).value());
                    return null;
                })
                .function(HOST, "base", BASE, args -> new WitValue.U32(40))
                .function(null, "now", NOW, args -> new WitValue.U64(1_700_000_000_000L))
                .build();
        try (PluginInstance instance = embedded("embed-iface").instantiate(imports)) {
            assertThat(instance.call(API + "#shout", new WitValue.Str("héllo wörld")))
                    .isEqualTo(new WitValue.Str("HéLLO WöRLD!"));
            assertThat(instance.call(API + "#shout", new WitValue.Str(""))).isEqualTo(new WitValue.Str("!"));
            assertThat(logged).containsExactly("héllo wörld", "");
            assertThat(instance.call(API + "#offset", new WitValue.U32(2))).isEqualTo(new WitValue.U32(42));
            assertThat(instance.call("stamp")).isEqualTo(new WitValue.U64(1_700_000_000_001L));
        }
    }

    @Test
    void aMissingImportFailsToLinkWithItsSignature() {
        HostImports partial = HostImports.builder()
                .function(HOST, "log", LOG, args -> null)
                .function(HOST, "base", BASE, args -> new WitValue.U32(1))
                .build();
        assertThatThrownBy(() -> embedded("embed-iface").instantiate(partial))
                .isInstanceOf(PluginLinkException.class)
                .hasMessageContaining("plugin 'embed-iface.embed'")
                .hasMessageContaining("missing import: now: func() -> u64");
        assertThatThrownBy(() -> embedded("embed-iface").instantiate())
                .isInstanceOf(PluginLinkException.class)
                .hasMessageContaining("3 missing imports")
                .hasMessageContaining(HOST + "#log: func(msg: string)");
    }

    @Test
    void anImportOfAnotherTypeFailsToLinkWithBothSignatures() {
        FunctionType wrong = new FunctionType(List.of(), ValueType.Scalar.U32);
        HostImports imports = HostImports.builder()
                .function(HOST, "log", LOG, args -> null)
                .function(HOST, "base", BASE, args -> new WitValue.U32(1))
                .function(null, "now", wrong, args -> new WitValue.U32(1))
                .build();
        assertThatThrownBy(() -> embedded("embed-iface").instantiate(imports))
                .isInstanceOf(PluginLinkException.class)
                .hasMessageContaining("import 'now' has a different type")
                .hasMessageContaining("expected: func() -> u64")
                .hasMessageContaining("found:    func() -> u32");
    }

    @Test
    void aCorruptComponentTypeSectionIsRefusedWithTheDecodersOffset() {
        byte[] bytes = read(Guests.OUT.resolve("add-greet.embed.wasm"));
        int payload = indexOf(bytes, "component-type".getBytes(StandardCharsets.US_ASCII)) + "component-type".length();
        // the payload starts with the component preamble; break its layer byte
        assertThat(bytes[payload]).isEqualTo((byte) 0);
        bytes[payload + 6] = 7;
        assertThatThrownBy(() -> WitboxEngine.create().load("corrupt", bytes))
                .isInstanceOf(WitboxException.class)
                .hasMessageContaining("plugin 'corrupt': its custom section \"component-type\" (payload at offset 0x"
                        + Integer.toHexString(payload) + ")")
                .hasMessageContaining("does not hold a valid WIT world")
                .hasMessageContaining("at offset 0x")
                .hasMessageContaining("in the module");
        // and one cut short inside its type section
        byte[] truncated = read(Guests.OUT.resolve("add-greet.embed.wasm"));
        int typeSection = indexOf(truncated, "add".getBytes(StandardCharsets.US_ASCII), payload);
        truncated[typeSection - 1] = 0x7f; // a name length far past its section
        assertThatThrownBy(() -> WitboxEngine.create().load("corrupt", truncated))
                .isInstanceOf(WitboxException.class)
                .hasMessageContaining("does not hold a valid WIT world")
                .hasMessageMatching("(?s).*at offset 0x[0-9a-f]+ \\(\\d+\\).*");
    }

    @Test
    void aCoreModuleWithoutAWorldIsRefused() {
        assertThatThrownBy(() -> WitboxEngine.create().load(Guests.OUT.resolve("add-greet.core.wasm")))
                .isInstanceOf(WitboxException.class)
                .hasMessageContaining("plugin 'add-greet.core' is a core module without a WIT world")
                .hasMessageContaining("wasm-tools component embed")
                .hasMessageNotContaining("wasi_snapshot_preview1");
    }

    @Test
    void aWasiP1CoreModuleIsRefusedWithAHint() {
        byte[] module = coreModule(importSection("wasi_snapshot_preview1", "fd_write"));
        assertThatThrownBy(() -> WitboxEngine.create().load("p1", module))
                .isInstanceOf(WitboxException.class)
                .hasMessageContaining("plugin 'p1' is a core module without a WIT world")
                .hasMessageContaining("it imports wasi_snapshot_preview1 (WASI preview 1)")
                .hasMessageContaining("run it as a WASI preview 1 command");
    }

    @Test
    void anImportTheWorldDoesNotExplainIsRefusedAtLoad() {
        byte[] embedded = read(Guests.OUT.resolve("add-greet.embed.wasm"));
        byte[] section = customSection(embedded);
        byte[] module = append(coreModule(importSection("env", "abort")), section);
        assertThatThrownBy(() -> WitboxEngine.create().load("stray", module))
                .isInstanceOf(WitboxException.class)
                .hasMessageContaining("imports \"env\" \"abort\"")
                .hasMessageContaining("which its WIT world does not explain");
    }

    @Test
    void aMissingCoreExportIsRefusedAtLoad() {
        byte[] section = customSection(read(Guests.OUT.resolve("add-greet.embed.wasm")));
        byte[] module = append(coreModule(new byte[0]), section);
        assertThatThrownBy(() -> WitboxEngine.create().load("empty", module))
                .isInstanceOf(WitboxException.class)
                .hasMessageContaining("its WIT world exports add: func(a: u32, b: u32) -> u32")
                .hasMessageContaining("no function export named \"add\"");
    }

    // ------------------------------------------------------------------ hand-made modules

    /** A module of a type section with {@code () -> ()} and the given extra sections. */
    private static byte[] coreModule(byte[] sections) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        out.writeBytes(new byte[] {1, 4, 1, 0x60, 0, 0});
        out.writeBytes(sections);
        return out.toByteArray();
    }

    private static byte[] importSection(String module, String name) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(1);
        writeName(body, module);
        writeName(body, name);
        body.write(0);
        body.write(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(2);
        out.write(body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void writeName(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length);
        out.writeBytes(b);
    }

    /** The last section of an embedded fixture: its component-type custom section, header included. */
    private static byte[] customSection(byte[] module) {
        int at = indexOf(module, "component-type".getBytes(StandardCharsets.US_ASCII)) - 1; // name length
        // back over the section id and the LEB128 size
        int start = at - 1;
        while ((module[start - 1] & 0x80) != 0) {
            start--;
        }
        start -= 1;
        assertThat(module[start]).isEqualTo((byte) 0);
        return java.util.Arrays.copyOfRange(module, start, module.length);
    }

    private static byte[] append(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        return indexOf(hay, needle, 0);
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
