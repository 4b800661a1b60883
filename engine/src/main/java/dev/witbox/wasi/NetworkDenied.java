package dev.witbox.wasi;

import dev.witbox.abi.FunctionType;
import dev.witbox.abi.ValueType;
import dev.witbox.api.value.WitValue;
import java.util.regex.Pattern;

/**
 * {@code wasi:sockets} and {@code wasi:http}: stated in {@code /wasi/0.2/sockets.wit} and
 * {@code http.wit} so that a component importing them links (with the stated types' shapes), and
 * answering every attempt with WASI's own refusal, read off the stated type. Network access is
 * denied, the only mode for now.
 *
 * <ul>
 *   <li>a result whose error is an enum with {@code access-denied}
 *       ({@code wasi:sockets/network.error-code}) answers {@code err(access-denied)};
 *   <li>one whose error is a variant with {@code HTTP-request-denied}
 *       ({@code wasi:http/types.error-code}) answers {@code err(HTTP-request-denied)};
 *   <li>one whose error is a variant with {@code forbidden} ({@code wasi:http/types.header-error})
 *       answers {@code err(forbidden)}; one without an error type (the http setters, {@code body},
 *       {@code consume}, {@code write}) answers {@code err};
 *   <li>{@code fields} can only be empty, so {@code get} and {@code entries} answer an empty list,
 *       {@code has} false, {@code clone} another empty handle;
 *   <li>{@code instance-network} and the http constructors (taking nothing or only handles) hand out a handle to nothing, so that a guest can
 *       build a request and be refused where WASI says it may be: at {@code outgoing-handler.handle};
 *   <li>anything else (methods whose result can express no refusal, of resources that can only be
 *       had from a refused call) traps with a message saying network access is denied.
 * </ul>
 */
final class NetworkDenied {

    private static final Pattern INTERFACE = Pattern.compile("wasi:(sockets|http)/[a-z0-9-]+");

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
        if (type.result() instanceof ValueType.OwnOf own
                && (type.params().isEmpty() || qualifiedName.contains("[constructor]") && onlyHandles(type)
                        || qualifiedName.endsWith("[method]fields.clone"))) {
            return args -> ctx.own(own.resource().name(), new Nothing());
        }
        // a fields (headers) value can only be empty here: every change of it is refused
        if (qualifiedName.endsWith("[method]fields.get") || qualifiedName.endsWith("[method]fields.entries")) {
            return args -> new WitValue.ListOf(java.util.List.of());
        }
        if (qualifiedName.endsWith("[method]fields.has")) {
            return args -> new WitValue.Bool(false);
        }
        return args -> {
            ctx.deny("network access (" + qualifiedName + ")");
            throw new IllegalStateException("network access is denied to this plugin (" + qualifiedName + ")");
        };
    }

    /** {@code err(access-denied)} or {@code err(HTTP-request-denied)} when {@code result} can say it, else null. */
    static WitValue refusal(ValueType result) {
        if (!(result instanceof ValueType.ResultOf r)) {
            return null;
        }
        if (r.err() == null) {
            return new WitValue.Result(false, null);
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
            for (ValueType.Case c : v.cases()) {
                if (c.name().equals("forbidden") && c.payload() == null) {
                    return new WitValue.Result(false, new WitValue.Variant(c.name(), null));
                }
            }
        }
        return null;
    }

    private static boolean onlyHandles(FunctionType type) {
        for (FunctionType.Param p : type.params()) {
            if (!(p.type() instanceof ValueType.OwnOf || p.type() instanceof ValueType.BorrowOf)) {
                return false;
            }
        }
        return true;
    }
}
