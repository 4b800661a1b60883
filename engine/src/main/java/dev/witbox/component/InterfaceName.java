package dev.witbox.component;

import java.util.Optional;

/** A parsed {@code interfacename}: {@code namespace:package/interface@version}. */
public record InterfaceName(String namespace, String packageName, String interfaceName, Optional<String> version) {

    /** {@code namespace:package}, the WIT package id without version. */
    public String packageId() {
        return namespace + ":" + packageName;
    }

    @Override
    public String toString() {
        return packageId() + "/" + interfaceName + version.map(v -> "@" + v).orElse("");
    }
}
