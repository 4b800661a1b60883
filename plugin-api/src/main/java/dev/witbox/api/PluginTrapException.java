package dev.witbox.api;

/**
 * A plugin trapped while running one of its exports: core WebAssembly trapped ({@code unreachable}, an
 * out-of-bounds access, a deadline...), or the canonical ABI found the guest breaking its rules (a
 * malformed string, a bad discriminant, an invalid handle...).
 *
 * <p>The instance that trapped is poisoned: every later call on it is refused with this exception's
 * type. Other instances of the same plugin are unaffected.
 */
public class PluginTrapException extends WitboxException {

    private final String pluginId;
    private final String exportName;

    public PluginTrapException(String pluginId, String exportName, String reason, Throwable cause) {
        super("plugin '" + pluginId + "' trapped in '" + exportName + "': " + reason, cause);
        this.pluginId = pluginId;
        this.exportName = exportName;
    }

    /** The id the plugin was loaded under. */
    public String pluginId() {
        return pluginId;
    }

    /** The export that was called, e.g. {@code demo:values/echo@0.1.0#echo-u8}. */
    public String exportName() {
        return exportName;
    }
}
