package dev.witbox.runtime;

import dev.witbox.abi.JavaFunction;
import dev.witbox.abi.JavaShape;
import dev.witbox.abi.PrimitiveCall;
import dev.witbox.api.PluginLinkException;
import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the constructor of a generated export glue class gets when a Java interface is bound to a
 * plugin ({@link Bindings}): it looks each export up once, checks that the plugin's export has the
 * type the interface was generated for, and hands out the {@link ExportInvoker} the glue calls.
 *
 * <p>Every mismatch is collected, so that binding fails once, at bind time, listing each function
 * with both signatures. Only generated code uses this class.
 */
public final class BindContext {

    private final Class<?> bound;
    private final Plugin plugin;
    private final Function<String, ExportInvoker> invokers;
    /** The instance every call goes to, or null when invokers come from elsewhere (a pool). */
    private final PluginInstance instance;
    private final List<String> problems = new ArrayList<>();

    BindContext(Class<?> bound, Plugin plugin, Function<String, ExportInvoker> invokers, PluginInstance instance) {
        this.bound = bound;
        this.plugin = plugin;
        this.invokers = invokers;
        this.instance = instance;
    }

    /**
     * The invoker of export {@code exportName}, after checking its type.
     *
     * @param exportName    the export's canonical name: {@code greet}, {@code ns:pkg/iface@1.0.0#f}
     * @param javaMethod    the Java method it backs, for messages
     * @param witSignature  the signature of the {@code @WitFunction} annotation (named types by name)
     * @param abiSignature  the same with every named type spelled out, as {@link ExportedFunction#signature()}
     *                      writes a plugin's export type: what is compared
     * @return the invoker; one that refuses every call when the export does not fit (binding then fails)
     */
    public ExportInvoker export(String exportName, String javaMethod, String witSignature, String abiSignature) {
        ExportedFunction export = checkedExport(exportName, javaMethod, witSignature, abiSignature);
        return export == null ? refusing(exportName) : invokers.apply(exportName);
    }

    /**
     * The export {@code exportName}, after checking its type as {@link #export(String, String, String, String)}
     * does, with its calls planned once for the Java values of the given shapes: the generated method passes
     * its Java arguments and gets its Java result, and no {@code WitValue} is made on the way.
     *
     * @param result the result's shape (null when the function has none)
     * @param params each parameter's shape
     */
    public TypedExport export(String exportName, String javaMethod, String witSignature, String abiSignature,
            JavaShape result, JavaShape... params) {
        ExportedFunction export = checkedExport(exportName, javaMethod, witSignature, abiSignature);
        if (export == null) {
            return new TypedExport(refusing(exportName), null);
        }
        JavaFunction function;
        try {
            function = JavaFunction.of(export.functionName(), export.type(), result, params);
        } catch (WitboxException e) {
            problems.add("  " + javaMethod + " (export '" + exportName + "'): " + e.getMessage());
            return new TypedExport(refusing(exportName), null);
        }
        return new TypedExport(invokers.apply(exportName), function);
    }

    /**
     * The export {@code exportName}, after checking its type as {@link #export(String, String, String, String)}
     * does, for calls with Java primitives: the generated method passes its arguments as longs and gets its
     * result as one ({@link PrimitiveCall}), for a function whose parameters (at most
     * {@link PrimitiveCall#MAX_PARAMS}) and result are all scalars.
     */
    public PrimitiveExport primitiveExport(String exportName, String javaMethod, String witSignature,
            String abiSignature) {
        ExportedFunction export = checkedExport(exportName, javaMethod, witSignature, abiSignature);
        if (export == null) {
            return new PrimitiveExport(refusing(exportName), null);
        }
        PrimitiveCall call;
        try {
            call = PrimitiveCall.of(export.functionName(), export.type());
        } catch (WitboxException e) {
            problems.add("  " + javaMethod + " (export '" + exportName + "'): " + e.getMessage());
            return new PrimitiveExport(refusing(exportName), null);
        }
        return new PrimitiveExport(invokers.apply(exportName), call);
    }

    /** The export, or null after recording why it does not fit. */
    private ExportedFunction checkedExport(String exportName, String javaMethod, String witSignature,
            String abiSignature) {
        int index = plugin.exportIndex(exportName);
        if (index < 0) {
            problems.add("  " + javaMethod + ": the plugin has no export '" + exportName + "'\n"
                    + "    interface: " + witSignature);
            return null;
        }
        ExportedFunction export = plugin.exports().get(index);
        String actual = WitSignatures.of(export.type());
        if (!actual.equals(abiSignature)) {
            problems.add("  " + javaMethod + " (export '" + exportName + "') has a different type:\n"
                    + "    interface: " + witSignature
                    + (witSignature.equals(abiSignature) ? "" : "\n               = " + abiSignature) + "\n"
                    + "    plugin:    " + actual);
            return null;
        }
        return export;
    }

    /**
     * Records that the interface passes resource handles, which live in one instance: binding to
     * anything but one {@link PluginInstance} fails.
     */
    public void requireInstance(String resource) {
        if (instance == null) {
            problems.add("  resource '" + resource + "': handles belong to one instance; bind with PluginInstance.bind");
        }
    }

    /** Drops an owned resource handle of the bound instance (the resource's destructor runs in the guest). */
    public void drop(WitValue.Handle handle) {
        if (instance == null) {
            throw new WitboxException("cannot drop " + handle + ": not bound to one instance");
        }
        instance.drop(handle);
    }

    private ExportInvoker refusing(String exportName) {
        return args -> {
            throw new WitboxException("export '" + exportName + "' of plugin '" + plugin.id() + "' was not bound");
        };
    }

    /** Fails when any export did not fit. */
    void check() {
        if (!problems.isEmpty()) {
            throw new PluginLinkException(plugin.id(), bound.getName() + " does not match the plugin ("
                    + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):\n"
                    + String.join("\n", problems) + "\n  the plugin exports: "
                    + plugin.exports().stream().map(e -> e.name()).collect(Collectors.joining(", ")));
        }
    }
}
