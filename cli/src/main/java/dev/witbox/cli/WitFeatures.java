package dev.witbox.cli;

import dev.witbox.wit.WitOptions;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --features}/{@code --all-features} options of every command that reads WIT. */
final class WitFeatures {

    @Option(
            names = "--features",
            split = ",",
            paramLabel = "FEATURE",
            description = "unstable features to enable (comma-separated); items gated on other features are left out")
    private List<String> features = List.of();

    @Option(names = "--all-features", description = "enable every @unstable feature")
    private boolean allFeatures;

    List<String> features() {
        return features;
    }

    boolean allFeatures() {
        return allFeatures;
    }

    WitOptions witOptions() {
        return allFeatures
                ? WitOptions.defaults().withAllFeatures()
                : WitOptions.defaults().withFeatures(new LinkedHashSet<>(features));
    }
}
