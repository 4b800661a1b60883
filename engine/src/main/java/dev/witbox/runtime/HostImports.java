package dev.witbox.runtime;

import dev.witbox.abi.FunctionType;
import dev.witbox.abi.HostFunction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The functions the host provides to a plugin's imports, matched by interface and function name and
 * checked against the plugin's import types when an instance is created. Immutable; build with
 * {@link #builder()}.
 *
 * <pre>
 * HostImports imports = HostImports.builder()
 *     .function("demo:log/sink@0.1.0", "log", logType, args -&gt; { log(args[0]); return null; })
 *     .build();
 * </pre>
 */
public final class HostImports {

    private static final HostImports NONE = new HostImports(Map.of());

    /** A host function with the type it was written for. */
    record Provided(String interfaceName, String functionName, FunctionType type, HostFunction function) {}

    private final Map<String, Provided> functions;

    private HostImports(Map<String, Provided> functions) {
        this.functions = Map.copyOf(functions);
    }

    /** No imports at all. */
    public static HostImports none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    Provided lookup(String interfaceName, String functionName) {
        return functions.get(key(interfaceName, functionName));
    }

    private static String key(String interfaceName, String functionName) {
        return interfaceName == null ? functionName : interfaceName + "#" + functionName;
    }

    /** Collects host functions. */
    public static final class Builder {

        private final Map<String, Provided> functions = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Provides {@code functionName} of interface {@code interfaceName} (e.g.
         * {@code "demo:log/sink@0.1.0"}; null for a world-level import), written for {@code type}. The
         * callback gets one value per parameter and returns the result, or null when there is none.
         */
        public Builder function(String interfaceName, String functionName, FunctionType type, HostFunction callback) {
            Objects.requireNonNull(functionName, "functionName");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(callback, "callback");
            functions.put(key(interfaceName, functionName), new Provided(interfaceName, functionName, type, callback));
            return this;
        }

        public HostImports build() {
            return new HostImports(functions);
        }
    }
}
