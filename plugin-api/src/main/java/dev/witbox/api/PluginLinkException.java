package dev.witbox.api;

/**
 * A plugin cannot be instantiated because of what it imports: an import the host does not provide
 * (naming it and its WIT signature; a WASI interface witbox was not asked to provide is named as such),
 * or one the host provides with a different type (both signatures are printed).
 */
public class PluginLinkException extends WitboxException {

    private final String pluginId;

    public PluginLinkException(String pluginId, String message) {
        super("plugin '" + pluginId + "': " + message);
        this.pluginId = pluginId;
    }

    public PluginLinkException(String pluginId, String message, Throwable cause) {
        super("plugin '" + pluginId + "': " + message, cause);
        this.pluginId = pluginId;
    }

    /** The id the plugin was loaded under. */
    public String pluginId() {
        return pluginId;
    }
}
