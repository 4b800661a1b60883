package dev.witbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.abi.FunctionType;
import dev.witbox.abi.ValueType;
import dev.witbox.api.PluginLinkException;
import dev.witbox.api.PluginTrapException;
import dev.witbox.api.value.WitValue;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Host imports: provided, missing, provided with the wrong type, failing; and WASI-needing components. */
class LinkTest {

    private static final Plugin HOST_IMPORTS =
            WitboxEngine.create().load(Path.of("src/test/resources/runtime/host-imports.wasm"));

    private static final FunctionType ADD = new FunctionType(List.of(
            new FunctionType.Param("a", ValueType.Scalar.U32), new FunctionType.Param("b", ValueType.Scalar.U32)),
            ValueType.Scalar.U32);
    private static final FunctionType DECORATE = new FunctionType(List.of(
            new FunctionType.Param("name", ValueType.Scalar.STRING)), ValueType.Scalar.STRING);

    private static HostImports.Builder both() {
        return HostImports.builder()
                .function("demo:host/math@0.1.0", "add", ADD,
                        args -> new WitValue.U32(((WitValue.U32) args[0]).value() + ((WitValue.U32) args[1]).value()))
                .function(null, "decorate", DECORATE,
                        args -> new WitValue.Str(((WitValue.Str) args[0]).value().toUpperCase() + "!"));
    }

    @Test
    void hostFunctionsAreCalledThroughCanonLower() {
        try (PluginInstance instance = HOST_IMPORTS.instantiate(both().build())) {
            assertThat(instance.call("add-three", new WitValue.U32(4))).isEqualTo(new WitValue.U32(7));
            // string lifted out of the guest's memory, the host's string lowered back through realloc
            assertThat(instance.call("shout", new WitValue.Str("héllo"))).isEqualTo(new WitValue.Str("HÉLLO!"));
        }
    }

    @Test
    void aMissingImportIsNamedWithItsSignature() {
        HostImports onlyDecorate = HostImports.builder().function(null, "decorate", DECORATE, args -> args[0]).build();
        assertThatThrownBy(() -> HOST_IMPORTS.instantiate(onlyDecorate))
                .isInstanceOf(PluginLinkException.class)
                .hasMessageContaining("plugin 'host-imports'")
                .hasMessageContaining("missing import: demo:host/math@0.1.0#add: func(a: u32, b: u32) -> u32");
        assertThatThrownBy(HOST_IMPORTS::instantiate)
                .isInstanceOf(PluginLinkException.class)
                .hasMessageContaining("2 missing imports");
    }

    @Test
    void aMismatchingImportPrintsBothSignatures() {
        FunctionType wrong = new FunctionType(List.of(
                new FunctionType.Param("a", ValueType.Scalar.S32), new FunctionType.Param("b", ValueType.Scalar.U32)),
                ValueType.Scalar.U32);
        HostImports imports = both().function("demo:host/math@0.1.0", "add", wrong, args -> args[0]).build();
        assertThatThrownBy(() -> HOST_IMPORTS.instantiate(imports))
                .isInstanceOf(PluginLinkException.class)
                .hasMessageContaining("import 'demo:host/math@0.1.0#add' has a different type")
                .hasMessageContaining("expected: func(a: u32, b: u32) -> u32")
                .hasMessageContaining("found:    func(a: s32, b: u32) -> u32");
    }

    @Test
    void aFailingHostFunctionTrapsAndPoisonsTheInstance() {
        HostImports failing = both().function("demo:host/math@0.1.0", "add", ADD, args -> {
            throw new IllegalStateException("database down");
        }).build();
        try (PluginInstance instance = HOST_IMPORTS.instantiate(failing)) {
            assertThatThrownBy(() -> instance.call("add-three", new WitValue.U32(1)))
                    .isInstanceOf(PluginTrapException.class)
                    .hasMessageContaining("trapped in 'add-three'")
                    .hasMessageContaining("database down");
            assertThat(instance.isPoisoned()).isTrue();
            assertThatThrownBy(() -> instance.call("shout", new WitValue.Str("x")))
                    .isInstanceOf(PluginTrapException.class)
                    .hasMessageContaining("trapped earlier (in 'add-three')");
        }
    }

    @Test
    void theWitComponentAdapterLayoutRunsWhenItsImportsAreProvided() {
        // main + preview1 adapter + shim (an $imports table) + fixup (an elem segment filling it): greet
        // calls the world's log import and writes to stderr through the adapter's WASI imports
        Plugin reactor = WitboxEngine.create().load(Path.of("src/test/resources/components/tiny-reactor.wasm"));
        List<String> logged = new java.util.ArrayList<>();
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        HostImports.Builder imports = HostImports.builder();
        for (ImportedFunction f : reactor.imports()) {
            dev.witbox.abi.HostFunction body = switch (f.name()) {
                case "log" -> args -> {
                    logged.add(((WitValue.Str) args[0]).value());
                    return null;
                };
                case "wasi:cli/stderr@0.2.12#get-stderr" -> args -> new WitValue.Handle(
                        dev.witbox.abi.ResourceRef.hostResource(((ValueType.OwnOf) f.type().result()).resource(), 2));
                case "wasi:io/streams@0.2.12#[method]output-stream.blocking-write-and-flush" -> args -> {
                    byte[] bytes = ((WitValue.Bytes) args[1]).value();
                    stderr.write(bytes, 0, bytes.length);
                    return new WitValue.Result(true, null);
                };
                default -> args -> f.type().result() == null ? null : neutral(f.type().result());
            };
            imports.function(f.interfaceName(), f.functionName(), f.type(), body);
        }
        try (PluginInstance instance = reactor.instantiate(imports.build())) {
            assertThat(instance.call("greet", new WitValue.Str("witbox"))).isEqualTo(new WitValue.Str("hello, witbox"));
            assertThat(logged).containsExactly("hello, witbox");
            assertThat(stderr.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("hello, witbox");
        }
    }

    /** A do-nothing answer of a type, for WASI stubs: new host handles, empty lists, ok, zero. */
    private static WitValue neutral(ValueType type) {
        if (type instanceof ValueType.OwnOf own) {
            return new WitValue.Handle(dev.witbox.abi.ResourceRef.hostResource(own.resource(), 1));
        } else if (type instanceof ValueType.ListOf l) {
            return l.element() == ValueType.Scalar.U8 ? new WitValue.Bytes(new byte[0]) : new WitValue.ListOf(List.of());
        } else if (type instanceof ValueType.ResultOf r) {
            return new WitValue.Result(true, r.ok() == null ? null : neutral(r.ok()));
        } else if (type instanceof ValueType.OptionOf) {
            return WitValue.Option.NONE;
        } else if (type == ValueType.Scalar.U64) {
            return new WitValue.U64(0);
        } else if (type == ValueType.Scalar.U32) {
            return new WitValue.U32(0);
        } else if (type == ValueType.Scalar.BOOL) {
            return new WitValue.Bool(false);
        }
        throw new IllegalStateException("no neutral value of " + type);
    }

    @Test
    void aComponentNeedingWasiFailsNamingTheWasiInterfaces() {
        // a C reactor with the preview1 adapter (main, adapter, shim, fixup): it plans and compiles,
        // but witbox provides no WASI to components yet
        Plugin reactor = WitboxEngine.create().load(Path.of("src/test/resources/components/tiny-reactor.wasm"));
        assertThatThrownBy(reactor::instantiate)
                .isInstanceOf(PluginLinkException.class)
                .hasMessageContaining("plugin 'tiny-reactor': it needs WASI (wasi:")
                .hasMessageContaining("which was not provided to it");
    }
}
