package dev.witbox.wit;

import java.util.List;
import java.util.Map;

/**
 * A world, fully elaborated: includes are merged in, and every interface needed by an import or
 * export is listed as an import (see {@link WitPrinter} for the order of items).
 *
 * <p>Types in a world are imported types: {@link #uses()} bring types of interfaces in (and
 * those interfaces are among the imports), {@link #types()} are defined in the world itself.
 * {@link #equals} compares identity keys; {@link #contentEquals} compares structure.
 */
public final class World implements TypeOwner {

    private final String name;
    private final WitPackage pkg;
    private final String key;
    private final String docs;
    private final Stability stability;
    private List<Use> uses = List.of();
    private List<TypeDef> types = List.of();
    private List<WorldItem> imports = List.of();
    private List<WorldItem> exports = List.of();
    private Map<String, TypeDef> scope = Map.of();

    World(String name, WitPackage pkg, String docs, Stability stability) {
        this.name = name;
        this.pkg = pkg;
        this.key = pkg.name().qualify(name);
        this.docs = docs == null ? "" : docs;
        this.stability = stability;
    }

    void init(List<Use> uses, List<TypeDef> types, List<WorldItem> imports, List<WorldItem> exports) {
        this.uses = List.copyOf(uses);
        this.types = List.copyOf(types);
        this.imports = List.copyOf(imports);
        this.exports = List.copyOf(exports);
        this.scope = OwnerContents.scope(this.uses, this.types);
    }

    public String name() {
        return name;
    }

    public WitPackage pkg() {
        return pkg;
    }

    @Override
    public String key() {
        return key;
    }

    /** {@code ns:pkg/world@ver}. */
    public String qualifiedName() {
        return key;
    }

    public String docs() {
        return docs;
    }

    public Stability stability() {
        return stability;
    }

    /** {@code use} statements of the world (including those merged from included worlds). */
    public List<Use> uses() {
        return uses;
    }

    /** Types defined in the world (including those merged from included worlds). */
    public List<TypeDef> types() {
        return types;
    }

    /** Imported interfaces (explicit and implicit, dependencies first), then imported functions. */
    public List<WorldItem> imports() {
        return imports;
    }

    /** Exported interfaces (dependencies first), then exported functions. */
    public List<WorldItem> exports() {
        return exports;
    }

    /** The type visible under {@code localName} in the world, or null. */
    public TypeDef type(String localName) {
        return scope.get(localName);
    }

    /** Visible type names mapped to definitions. */
    public Map<String, TypeDef> scope() {
        return java.util.Collections.unmodifiableMap(scope);
    }

    /** Structural comparison. */
    public boolean contentEquals(World o) {
        return o != null && key.equals(o.key) && docs.equals(o.docs) && stability.equals(o.stability)
                && uses.equals(o.uses) && imports.equals(o.imports) && exports.equals(o.exports)
                && OwnerContents.pairwise(types, o.types, TypeDef::contentEquals);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof World other && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return "World[" + key + "]";
    }
}
