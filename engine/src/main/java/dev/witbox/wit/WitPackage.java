package dev.witbox.wit;

import java.util.List;

/**
 * A resolved package: its interfaces and worlds in source order (files of a folder in file-name
 * order). {@link #equals} is structural over the whole package contents.
 */
public final class WitPackage {

    private final PackageName name;
    private String docs = "";
    private List<Interface> interfaces = List.of();
    private List<World> worlds = List.of();

    WitPackage(PackageName name) {
        this.name = name;
    }

    void init(String docs, List<Interface> interfaces, List<World> worlds) {
        this.docs = docs == null ? "" : docs;
        this.interfaces = List.copyOf(interfaces);
        this.worlds = List.copyOf(worlds);
    }

    public PackageName name() {
        return name;
    }

    public String docs() {
        return docs;
    }

    public List<Interface> interfaces() {
        return interfaces;
    }

    public List<World> worlds() {
        return worlds;
    }

    /** The named interface, or null. */
    public Interface interfaceNamed(String n) {
        for (Interface i : interfaces) {
            if (i.name().equals(n)) {
                return i;
            }
        }
        return null;
    }

    /** The named world, or null. */
    public World worldNamed(String n) {
        for (World w : worlds) {
            if (w.name().equals(n)) {
                return w;
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WitPackage other && name.equals(other.name) && docs.equals(other.docs)
                && OwnerContents.pairwise(interfaces, other.interfaces, Interface::contentEquals)
                && OwnerContents.pairwise(worlds, other.worlds, World::contentEquals);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "WitPackage[" + name + "]";
    }
}
