package dev.witbox.runtime;

import dev.witbox.abi.CanonicalAbiTrap;
import dev.witbox.abi.HostFunction;
import dev.witbox.api.PluginLinkException;
import dev.witbox.api.PluginTrapException;
import dev.witbox.api.WitboxException;
import dev.witbox.component.Component;
import dev.witbox.internal.chicory.CoreTrap;
import dev.witbox.internal.chicory.MemoryBudget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loaded plugin: the decoded component, its compiled core modules and its instantiation plan, all
 * built once and shared by every instance. Thread-safe.
 */
public final class Plugin {

    private final String id;
    private final Component component;
    private final InstantiationPlan plan;
    private final WitboxEngine engine;
    /**
     * Export name to its position in {@link #exports()}, and the function at each position: resolved
     * once here so that instances look exports up by index, not through the plan's map of items.
     */
    private final Map<String, Integer> exportIndex;
    private final Item.Func[] exportFuncs;

    Plugin(String id, Component component, InstantiationPlan plan, WitboxEngine engine) {
        this.id = id;
        this.component = component;
        this.plan = plan;
        this.engine = engine;
        List<ExportedFunction> exports = plan.exports();
        this.exportFuncs = new Item.Func[exports.size()];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < exportFuncs.length; i++) {
            String name = exports.get(i).name();
            exportFuncs[i] = java.util.Objects.requireNonNull(plan.exportItems().get(name), name);
            index.put(name, i);
        }
        this.exportIndex = Map.copyOf(index);
    }

    /** The position of export {@code name} in {@link #exports()}, or -1. */
    int exportIndex(String name) {
        Integer i = exportIndex.get(name);
        return i == null ? -1 : i;
    }

    Item.Func exportFunc(int index) {
        return exportFuncs[index];
    }

    public String id() {
        return id;
    }

    /** The functions the plugin exports, in export order. */
    public List<ExportedFunction> exports() {
        return plan.exports();
    }

    /** The functions the plugin imports, which {@link #instantiate(HostImports)} must be given. */
    public List<ImportedFunction> imports() {
        List<ImportedFunction> out = new ArrayList<>();
        for (InstantiationPlan.HostImport h : plan.hostImports()) {
            out.add(new ImportedFunction(h.qualifiedName(), h.interfaceName(), h.functionName(), h.type()));
        }
        return out;
    }

    /**
     * The decoded component, for tools that show it. For a core module with an embedded world, the decoded
     * payload of its {@code component-type} section: the WIT package that holds the world (no core modules).
     */
    public Component component() {
        return component;
    }

    /** The error for a call of an export the plugin does not have, listing those it has. */
    WitboxException noSuchExport(String exportName) {
        return new WitboxException("plugin '" + id + "' has no export '" + exportName + "'; it exports: "
                + plan.exports().stream().map(ExportedFunction::name).collect(java.util.stream.Collectors.joining(", ")));
    }

    /** A pool of instances of this plugin with the default {@link PoolOptions}; close it when done. */
    public PluginPool pool() {
        return pool(PoolOptions.defaults());
    }

    /**
     * A pool of instances of this plugin, each made with the imports {@link PoolOptions#imports()} supplies;
     * close it when done. The pool's memory budget is its own: two pools of one plugin have one each.
     *
     * @throws PluginLinkException when an import is missing or provided with another type (checked up front,
     *                             by linking what the imports supplier returns once)
     */
    public PluginPool pool(PoolOptions options) {
        return new PluginPool(this, java.util.Objects.requireNonNull(options, "options"));
    }

    /** A new instance of a plugin that imports nothing. */
    public PluginInstance instantiate() {
        return instantiate(HostImports.none());
    }

    /**
     * A new instance, its imports satisfied by {@code imports}.
     *
     * @throws PluginLinkException when an import is missing or provided with another type
     * @throws PluginTrapException when the plugin traps while starting
     */
    public PluginInstance instantiate(HostImports imports) {
        return new PluginInstance(this, instantiation(link(imports), imports, engine.maxMemoryPages(),
                MemoryBudget.unlimited()));
    }

    /**
     * Replays the plan with linked host functions, memories charged to {@code budget}; failures become the
     * exceptions {@link #instantiate(HostImports)} documents.
     */
    Instantiation instantiation(HostFunction[] hosts, HostImports imports, int maxMemoryPages, MemoryBudget budget) {
        try {
            return new Instantiation(plan, hosts, imports.dropHook(), maxMemoryPages, budget);
        } catch (MemoryBudget.Exhausted e) {
            throw new WitboxException("plugin '" + id + "' cannot make another instance: " + e.getMessage(), e);
        } catch (CanonicalAbiTrap | CoreTrap e) {
            throw new PluginTrapException(id, "<instantiation>", e.getMessage(), e);
        } catch (PluginLinkException e) {
            throw e;
        } catch (WitboxException e) {
            throw new PluginLinkException(id, e.getMessage(), e);
        } catch (StackOverflowError e) {
            throw new PluginTrapException(id, "<instantiation>", "call stack exhausted", e);
        }
    }

    /** The host functions for the plan's imports, checked against their types. */
    HostFunction[] link(HostImports imports) {
        List<InstantiationPlan.HostImport> needed = plan.hostImports();
        HostFunction[] hosts = new HostFunction[needed.size()];
        List<String> missing = new ArrayList<>();
        Set<String> missingWasi = new LinkedHashSet<>();
        for (int i = 0; i < hosts.length; i++) {
            InstantiationPlan.HostImport imp = needed.get(i);
            HostImports.Provided provided = imports.lookup(imp.interfaceName(), imp.functionName());
            if (provided == null) {
                if (imp.interfaceName() != null && imp.interfaceName().startsWith("wasi:")) {
                    missingWasi.add(imp.interfaceName());
                }
                missing.add(imp.qualifiedName() + ": " + WitSignatures.of(imp.type()));
                continue;
            }
            if (!provided.fits(imp.type())) {
                throw new PluginLinkException(id, "import '" + imp.qualifiedName() + "' has a different type:\n"
                        + "  expected: " + WitSignatures.of(imp.type()) + "\n"
                        + "  found:    " + provided.signatureText()
                        + (provided.witSignature() == null ? "" : "\n            (generated from WIT "
                                + provided.witSignature() + ")"));
            }
            hosts[i] = guardHost(imp, provided.function());
        }
        if (!missing.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            if (!missingWasi.isEmpty()) {
                sb.append("it needs WASI (").append(String.join(", ", missingWasi))
                        .append("), which was not provided to it; ");
            }
            sb.append(missing.size() == 1 ? "missing import: " : missing.size() + " missing imports: ");
            sb.append(String.join("; ", missing.subList(0, Math.min(missing.size(), 5))));
            if (missing.size() > 5) {
                sb.append("; and ").append(missing.size() - 5).append(" more");
            }
            throw new PluginLinkException(id, sb.toString());
        }
        return hosts;
    }

    /** A host callback's own failure aborts the guest, which cannot continue consistently: it traps. */
    private static HostFunction guardHost(InstantiationPlan.HostImport imp, HostFunction function) {
        return args -> {
            try {
                return function.call(args);
            } catch (CanonicalAbiTrap | CoreTrap e) {
                throw e;
            } catch (RuntimeException e) {
                throw new CanonicalAbiTrap("host function " + imp.qualifiedName() + " failed: " + e, e);
            }
        };
    }

    InstantiationPlan plan() {
        return plan;
    }

    WitboxEngine engine() {
        return engine;
    }

    @Override
    public String toString() {
        return "Plugin[" + id + ", " + plan.exports().size() + " exports]";
    }
}
