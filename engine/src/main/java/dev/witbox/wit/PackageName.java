package dev.witbox.wit;

/**
 * A package name {@code namespace:name@version}; the version may be null.
 */
public record PackageName(String namespace, String name, Version version) {

    /** {@code ns:name} without version. */
    public String withoutVersion() {
        return namespace + ":" + name;
    }

    /** The name of interface (or world) {@code item} of this package: {@code ns:name/item@version}. */
    public String qualify(String item) {
        return namespace + ":" + name + "/" + item + (version == null ? "" : "@" + version);
    }

    @Override
    public String toString() {
        return withoutVersion() + (version == null ? "" : "@" + version);
    }
}
