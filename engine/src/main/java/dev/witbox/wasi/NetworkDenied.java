package dev.witbox.wasi;

import dev.witbox.abi.FunctionType;
import dev.witbox.abi.ValueType;
import dev.witbox.api.value.WitValue;
import java.util.regex.Pattern;

/**
 * {@code wasi:sockets} and {@code wasi:http}, whose WIT witbox does not state yet: so that a component
 * importing them links, each function answers WASI's own refusal, derived from the type the component
 * imports it with. Network access is denied, the only mode for now.
 *
 * <ul>
 *   <li>a result {@code result<_, E>} whose error is an enum with {@code access-denied}
 *       ({@code wasi:sockets/network.error-code}) answers {@code err(access-denied)};
 *   <li>one whose error is a variant with {@code HTTP-request-denied}
 *       ({@code wasi:http/types.error-code}) answers {@code err(HTTP-request-denied)};
 *   <li>{@code instance-network} (a function returning a bare resource) hands out a handle that
 *       every socket function then refuses;
 *   <li>anything else (methods of resources that cannot be obtained, http constructors) traps with
 *       a message saying network access is denied.
 * </ul>
 */
final class NetworkDenied {

    static final Pattern INTERFACE = Pattern.compile("wasi:(sockets|http)/[a-z0-9-]+");

    /** The host object behind a network handle: nothing. */
    record Nothing() {}

    private NetworkDenied() {}

    /** Whether {@code unversionedInterface} ({@code wasi:sockets/tcp}) is one this class answers for. */
    static boolean interfaceMatches(String unversionedInterface) {
        return INTERFACE.matcher(unversionedInterface).matches();
    }

    static WasiHost.Impl implementation(WasiContext ctx, String qualifiedName, FunctionType type) {
        WitValue answer = refusal(type.result());
        if (answer != null) {
            return args -> {
                ctx.deny("network access (" + qualifiedName + ")");
                return answer;
            };
        }
        if (type.result() instanceof ValueType.OwnOf own && type.params().isEmpty()) {
            return args -> ctx.own(own.resource().name(), new Nothing());
        }
        return args -> {
            ctx.deny("network access (" + qualifiedName + ")");
            throw new IllegalStateException("network access is denied to this plugin (" + qualifiedName + ")");
        };
    }

    /** {@code err(access-denied)} or {@code err(HTTP-request-denied)} when {@code result} can say it, else null. */
    static WitValue refusal(ValueType result) {
        if (!(result instanceof ValueType.ResultOf r) || r.err() == null) {
            return null;
        }
        if (r.err() instanceof ValueType.EnumOf e && e.cases().contains("access-denied")) {
            return new WitValue.Result(false, new WitValue.Enum("access-denied"));
        }
        if (r.err() instanceof ValueType.VariantOf v) {
            for (ValueType.Case c : v.cases()) {
                if (c.name().equals("HTTP-request-denied") && c.payload() == null) {
                    return new WitValue.Result(false, new WitValue.Variant(c.name(), null));
                }
            }
        }
        return null;
    }

}
