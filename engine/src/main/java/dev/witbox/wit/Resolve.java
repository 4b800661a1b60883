package dev.witbox.wit;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of loading WIT: resolved packages in topological order (dependencies first) and
 * the root package. {@link #equals} is structural: two resolves are equal when they have the
 * same packages in the same order with equal contents (see {@link WitPackage#equals}).
 */
public final class Resolve {

    private final List<WitPackage> packages;
    private final WitPackage root;
    private final List<Interface> interfaces;

    Resolve(List<WitPackage> packages, WitPackage root, List<Interface> interfacesTopo) {
        this.packages = List.copyOf(packages);
        this.root = root;
        this.interfaces = List.copyOf(interfacesTopo);
    }

    /** All packages, dependencies first. */
    public List<WitPackage> packages() {
        return packages;
    }

    /** The root package (the file's or folder's own package). */
    public WitPackage root() {
        return root;
    }

    /** All named interfaces of all packages in topological order: an interface after those it uses. */
    public List<Interface> interfaces() {
        return interfaces;
    }

    /** All worlds of all packages, package by package. */
    public List<World> worlds() {
        List<World> all = new ArrayList<>();
        for (WitPackage p : packages) {
            all.addAll(p.worlds());
        }
        return all;
    }

    /** The package named {@code ns:name} or {@code ns:name@version}, or null. */
    public WitPackage pkg(String name) {
        for (WitPackage p : packages) {
            if (p.name().toString().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Selects a world as WIT.md "Specifying a World" describes: null → the single world of the
     * root package; a plain name → that world of the root package; {@code ns:pkg/world@ver} → that
     * world of any package.
     */
    public World selectWorld(String spec) {
        List<World> rootWorlds = root.worlds();
        if (spec == null) {
            if (rootWorlds.size() == 1) {
                return rootWorlds.get(0);
            }
            throw new WitException(new WitDiagnostic("<world>", 0, 0, rootWorlds.isEmpty()
                    ? "package '" + root.name() + "' has no world"
                    : "package '" + root.name() + "' has several worlds ("
                            + rootWorlds.stream().map(World::name).collect(Collectors.joining(", "))
                            + "); name one", ""));
        }
        if (!spec.contains(":")) {
            World w = root.worldNamed(spec);
            if (w == null) {
                throw new WitException(new WitDiagnostic("<world>", 0, 0, "no world '" + spec + "' in package '"
                        + root.name() + "'" + Names.didYouMean(spec,
                                rootWorlds.stream().map(World::name).collect(Collectors.toList())), ""));
            }
            return w;
        }
        for (World w : worlds()) {
            if (w.qualifiedName().equals(spec)) {
                return w;
            }
        }
        throw new WitException(new WitDiagnostic("<world>", 0, 0, "no world '" + spec + "' found", ""));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Resolve other && packages.equals(other.packages)
                && root.name().equals(other.root.name());
    }

    @Override
    public int hashCode() {
        return packages.hashCode();
    }

    @Override
    public String toString() {
        return "Resolve" + packages.stream().map(p -> p.name().toString()).collect(Collectors.toList());
    }
}
