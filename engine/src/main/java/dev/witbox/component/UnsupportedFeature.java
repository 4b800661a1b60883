package dev.witbox.component;

/**
 * A construct that decoded fine but that witbox cannot execute yet (async, streams, threads, ...).
 * The strict decoder rejects the first one; the permissive decoder keeps the list for tools.
 */
public record UnsupportedFeature(String feature, String section, long offset) {
    public String message() {
        return ComponentDecodeException.format(section, offset, "unsupported feature: " + feature);
    }
}
