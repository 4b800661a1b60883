package dev.witbox.wave;

import dev.witbox.abi.FunctionType;
import java.util.Objects;

/**
 * A function a script can call: its canonical ABI name, the interface it belongs to, and its
 * type.
 *
 * @param interfaceName the interface's name as exported ({@code demo:res/api@0.1.0}), or null for
 *                      a world-level function
 * @param name          the function's canonical name: {@code add}, {@code [constructor]counter},
 *                      {@code [method]counter.get}, {@code [static]counter.make}
 * @param type          the function's type, or null when it could not be converted
 * @param unsupported   why the type could not be converted (reported when a script calls the
 *                      function), or null
 */
public record ScriptFunction(String interfaceName, String name, FunctionType type, String unsupported) {

    public ScriptFunction {
        Objects.requireNonNull(name, "name");
        if ((type == null) == (unsupported == null)) {
            throw new IllegalArgumentException("a function has either a type or the reason it has none");
        }
    }

    /** A function with a type. */
    public ScriptFunction(String interfaceName, String name, FunctionType type) {
        this(interfaceName, name, Objects.requireNonNull(type, "type"), null);
    }

    /** {@code iface#name}, or just {@code name} at world level: the name that always identifies it. */
    public String qualifiedName() {
        return interfaceName == null ? name : interfaceName + "#" + name;
    }
}
