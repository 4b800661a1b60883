package dev.witbox.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version Maven stamped into the jar's manifest. */
final class WitboxVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = WitboxVersion.class.getPackage().getImplementationVersion();
        return new String[] {"witbox " + (version == null ? "(development build)" : version)};
    }
}
