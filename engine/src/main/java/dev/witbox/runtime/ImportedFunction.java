package dev.witbox.runtime;

import dev.witbox.abi.FunctionType;
import java.util.Objects;

/**
 * A function a plugin imports, which the host must provide through {@link HostImports}.
 *
 * @param name          {@code log} at world level, {@code wasi:cli/stderr@0.2.0#get-stderr} in an interface
 * @param interfaceName the imported interface, or null for a world-level function
 * @param functionName  the function's name within its interface or world
 * @param type          its parameters and result; resource types in it are the plugin's own
 *                      ({@code ResourceRef.hostResource} and {@code ResourceRef.hostObject} make
 *                      handles of them)
 */
public record ImportedFunction(String name, String interfaceName, String functionName, FunctionType type) {

    public ImportedFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(type, "type");
    }

    /** The WIT-like signature, e.g. {@code log: func(msg: string)}. */
    public String signature() {
        return functionName + ": " + WitSignatures.of(type);
    }
}
