package dev.witbox.wit;

import java.util.Set;
import java.util.TreeSet;

/**
 * Options for loading WIT. Immutable; the {@code with*} methods return new instances.
 *
 * <p>Items gated with {@code @unstable(feature = f)} are kept only when {@code f} is enabled
 * (or all features are); otherwise they are dropped from the resolved model.
 */
public final class WitOptions {

    private static final WitOptions DEFAULTS = new WitOptions(Set.of(), false);

    private final Set<String> features;
    private final boolean allFeatures;

    private WitOptions(Set<String> features, boolean allFeatures) {
        this.features = features;
        this.allFeatures = allFeatures;
    }

    /** No unstable feature enabled. */
    public static WitOptions defaults() {
        return DEFAULTS;
    }

    /** These options with exactly the given unstable features enabled (replacing earlier ones). */
    public WitOptions withFeatures(Set<String> features) {
        return new WitOptions(Set.copyOf(new TreeSet<>(features)), allFeatures);
    }

    /** These options with every unstable feature enabled. */
    public WitOptions withAllFeatures() {
        return new WitOptions(features, true);
    }

    /** The explicitly enabled features. */
    public Set<String> features() {
        return features;
    }

    /** Whether every feature is enabled. */
    public boolean allFeatures() {
        return allFeatures;
    }

    /** Whether items gated by {@code @unstable(feature = name)} are kept. */
    public boolean isEnabled(String feature) {
        return allFeatures || features.contains(feature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WitOptions other && other.allFeatures == allFeatures && other.features.equals(features);
    }

    @Override
    public int hashCode() {
        return features.hashCode() * 31 + Boolean.hashCode(allFeatures);
    }

    @Override
    public String toString() {
        return allFeatures ? "WitOptions[all features]" : "WitOptions[features=" + new TreeSet<>(features) + "]";
    }
}
