package dev.witbox.runtime;

import dev.witbox.abi.FunctionType;
import java.util.Objects;

/**
 * A function a plugin exports.
 *
 * @param name          the canonical name to call it by: {@code greet} at world level,
 *                      {@code demo:values/echo@0.1.0#echo-u8} in an interface,
 *                      {@code demo:res/api@0.1.0#[method]counter.increment} for a resource method
 * @param interfaceName the exported interface, or null for a world-level function
 * @param functionName  the function's name within its interface or world
 * @param type          its parameters and result
 */
public record ExportedFunction(String name, String interfaceName, String functionName, FunctionType type) {

    public ExportedFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(type, "type");
    }

    /** The WIT-like signature, e.g. {@code greet: func(name: string) -> string}. */
    public String signature() {
        return functionName + ": " + WitSignatures.of(type);
    }
}
