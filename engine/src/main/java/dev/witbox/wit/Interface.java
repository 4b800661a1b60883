package dev.witbox.wit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An interface: a named one of a package, or an anonymous inline one
 * ({@code import x: interface { ... }}) belonging to a world item.
 *
 * <p>{@link #equals} compares identity keys; {@link #contentEquals} compares structure.
 */
public final class Interface implements TypeOwner {

    private final String name;
    private final WitPackage pkg;
    private final String key;
    private final String docs;
    private final Stability stability;
    private List<Use> uses = List.of();
    private List<TypeDef> types = List.of();
    private List<Function> functions = List.of();
    private Map<String, TypeDef> scope = Map.of();

    /** A named interface of {@code pkg}. */
    Interface(String name, WitPackage pkg, String docs, Stability stability) {
        this.name = name;
        this.pkg = pkg;
        this.key = pkg.name().qualify(name);
        this.docs = docs == null ? "" : docs;
        this.stability = stability;
    }

    /** An inline interface with the given identity key. */
    Interface(WitPackage pkg, String inlineKey, String docs, Stability stability) {
        this.name = null;
        this.pkg = pkg;
        this.key = inlineKey;
        this.docs = docs == null ? "" : docs;
        this.stability = stability;
    }

    void init(List<Use> uses, List<TypeDef> types, List<Function> functions) {
        this.uses = List.copyOf(uses);
        this.types = List.copyOf(types);
        this.functions = List.copyOf(functions);
        this.scope = OwnerContents.scope(this.uses, this.types);
    }

    /** The interface name, or null for an inline interface. */
    public String name() {
        return name;
    }

    /** The package this interface belongs to. */
    public WitPackage pkg() {
        return pkg;
    }

    @Override
    public String key() {
        return key;
    }

    /** The component-model interface name {@code ns:pkg/name@ver}, or null when inline. */
    public String qualifiedName() {
        return name == null ? null : pkg.name().qualify(name);
    }

    public String docs() {
        return docs;
    }

    public Stability stability() {
        return stability;
    }

    /** {@code use} statements, in source order. */
    public List<Use> uses() {
        return uses;
    }

    /** Types defined here (not those brought in by {@code use}), in source order. */
    public List<TypeDef> types() {
        return types;
    }

    /** Freestanding functions in source order (resource functions live in their resource). */
    public List<Function> functions() {
        return functions;
    }

    /** All functions: freestanding ones, then each resource's functions in type order. */
    public List<Function> allFunctions() {
        List<Function> all = new ArrayList<>(functions);
        for (TypeDef t : types) {
            if (t.kind() instanceof TypeDefKind.Resource r) {
                all.addAll(r.functions());
            }
        }
        return all;
    }

    /** The type visible under {@code localName} here (defined or used), or null. */
    public TypeDef type(String localName) {
        return scope.get(localName);
    }

    /** Visible type names (uses first, then definitions) mapped to their definitions. */
    public Map<String, TypeDef> scope() {
        return java.util.Collections.unmodifiableMap(scope);
    }

    /** Interfaces this one {@code use}s, without duplicates, in order of first use. */
    public List<Interface> dependencies() {
        List<Interface> deps = new ArrayList<>();
        for (Use u : uses) {
            if (!deps.contains(u.from())) {
                deps.add(u.from());
            }
        }
        return deps;
    }

    /** Structural comparison (identity key, docs, gate, uses, type definitions, functions). */
    public boolean contentEquals(Interface o) {
        return o != null && key.equals(o.key) && Objects.equals(name, o.name) && docs.equals(o.docs)
                && stability.equals(o.stability) && uses.equals(o.uses) && functions.equals(o.functions)
                && OwnerContents.pairwise(types, o.types, TypeDef::contentEquals);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Interface other && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return "Interface[" + key + "]";
    }
}
