package dev.witbox.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.abi.FunctionType;
import dev.witbox.abi.ResourceType;
import dev.witbox.abi.ValueType;
import dev.witbox.api.value.WitValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sockets and http answer WASI's own refusal, read off the imported function's type. */
class NetworkDeniedTest {

    @Test
    void socketsErrorCodeSaysAccessDenied() {
        ValueType socketErrors = new ValueType.EnumOf(List.of("unknown", "access-denied", "not-supported"));
        ValueType result = new ValueType.ResultOf(new ValueType.OwnOf(new ResourceType("tcp-socket")), socketErrors);
        assertThat(NetworkDenied.refusal(result)).isEqualTo(new WitValue.Result(false, new WitValue.Enum("access-denied")));
    }

    @Test
    void httpErrorCodeSaysRequestDenied() {
        ValueType httpErrors = new ValueType.VariantOf(List.of(
                new ValueType.Case("DNS-timeout", null),
                new ValueType.Case("HTTP-request-denied", null),
                new ValueType.Case("internal-error", new ValueType.OptionOf(ValueType.Scalar.STRING))));
        ValueType result = new ValueType.ResultOf(new ValueType.OwnOf(new ResourceType("future-incoming-response")),
                httpErrors);
        assertThat(NetworkDenied.refusal(result))
                .isEqualTo(new WitValue.Result(false, new WitValue.Variant("HTTP-request-denied", null)));
    }

    @Test
    void otherShapesHaveNoRefusal() {
        assertThat(NetworkDenied.refusal(ValueType.Scalar.BOOL)).isNull();
        assertThat(NetworkDenied.refusal(null)).isNull();
        assertThat(NetworkDenied.refusal(new ValueType.ResultOf(ValueType.Scalar.U32,
                new ValueType.EnumOf(List.of("would-block"))))).isNull();
        assertThat(NetworkDenied.interfaceMatches("wasi:sockets/tcp")).isTrue();
        assertThat(NetworkDenied.interfaceMatches("wasi:http/outgoing-handler")).isTrue();
        assertThat(NetworkDenied.interfaceMatches("wasi:io/streams")).isFalse();
    }

    @Test
    void theStatedOutgoingHandlerAnswersRequestDenied() {
        FunctionType handle = WasiWit.get().function("wasi:http/outgoing-handler", "handle");
        assertThat(NetworkDenied.refusal(handle.result()))
                .isEqualTo(new WitValue.Result(false, new WitValue.Variant("HTTP-request-denied", null)));
        FunctionType append = WasiWit.get().function("wasi:http/types", "[method]fields.append");
        assertThat(NetworkDenied.refusal(append.result()))
                .isEqualTo(new WitValue.Result(false, new WitValue.Variant("forbidden", null)));
        FunctionType setMethod = WasiWit.get().function("wasi:http/types", "[method]outgoing-request.set-method");
        assertThat(NetworkDenied.refusal(setMethod.result())).isEqualTo(new WitValue.Result(false, null));
    }

    @Test
    void everyStatedSocketsFunctionWithAResultAnswersAccessDenied() {
        Map<String, Map<String, FunctionType>> all = WasiWit.get().functions();
        List<String> sockets = List.of("network", "instance-network", "udp", "udp-create-socket", "tcp",
                "tcp-create-socket", "ip-name-lookup");
        int refused = 0;
        for (String iface : sockets) {
            assertThat(all).containsKey("wasi:sockets/" + iface);
            for (Map.Entry<String, FunctionType> f : all.get("wasi:sockets/" + iface).entrySet()) {
                if (f.getValue().result() instanceof ValueType.ResultOf) {
                    assertThat(NetworkDenied.refusal(f.getValue().result())).as(f.getKey())
                            .isEqualTo(new WitValue.Result(false, new WitValue.Enum("access-denied")));
                    refused++;
                }
            }
        }
        // create-tcp-socket, create-udp-socket, resolve-addresses and every fallible socket method
        assertThat(refused).isGreaterThan(40);
        assertThat(all.get("wasi:sockets/tcp")).containsKey("[method]tcp-socket.start-connect");
        assertThat(all.get("wasi:http/types")).containsKey("[constructor]outgoing-request");
    }
}
