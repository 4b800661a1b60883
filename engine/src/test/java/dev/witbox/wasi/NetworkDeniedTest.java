package dev.witbox.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.abi.ResourceType;
import dev.witbox.abi.ValueType;
import dev.witbox.api.value.WitValue;
import java.util.List;
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
}
