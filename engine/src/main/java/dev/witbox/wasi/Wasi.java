package dev.witbox.wasi;

import dev.witbox.runtime.Plugin;
import java.util.Objects;

/**
 * The WASI 0.2 host. One {@link WasiContext} per plugin instance:
 *
 * <pre>
 * try (WasiContext wasi = Wasi.context(plugin, policy);
 *      PluginInstance instance = plugin.instantiate(wasi.imports())) {
 *     instance.call("run");
 * }
 * </pre>
 */
public final class Wasi {

    private Wasi() {}

    /** A fresh WASI state for one instance of {@code plugin}, granting what {@code policy} grants. */
    public static WasiContext context(Plugin plugin, WasiPolicy policy) {
        return new WasiContext(Objects.requireNonNull(plugin, "plugin"), Objects.requireNonNull(policy, "policy"));
    }
}
