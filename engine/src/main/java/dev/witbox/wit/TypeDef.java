package dev.witbox.wit;

import java.util.Objects;

/**
 * A named type definition ({@code record}, {@code variant}, {@code enum}, {@code flags},
 * {@code resource} or {@code type} alias) owned by an interface or a world.
 *
 * <p>A type brought into another scope by {@code use} is this very object (not a copy).
 * {@link #equals} compares identity keys ({@link #key()}: owner key and name); use
 * {@link #contentEquals} to compare definitions structurally.
 */
public final class TypeDef {

    private final String name;
    private final TypeOwner owner;
    private final String docs;
    private final Stability stability;
    private final String externalId;
    private TypeDefKind kind;
    private final String key;

    TypeDef(String name, TypeOwner owner, String docs, Stability stability, String externalId) {
        this.name = name;
        this.owner = owner;
        this.docs = docs == null ? "" : docs;
        this.stability = stability;
        this.externalId = externalId;
        this.key = owner.key() + "." + name;
    }

    void setKind(TypeDefKind kind) {
        this.kind = kind;
    }

    public String name() {
        return name;
    }

    public TypeOwner owner() {
        return owner;
    }

    public TypeDefKind kind() {
        return kind;
    }

    /** Doc comment text ("" if none). */
    public String docs() {
        return docs;
    }

    public Stability stability() {
        return stability;
    }

    /** The {@code @external-id("..")} annotation, or null. */
    public String externalId() {
        return externalId;
    }

    /** Identity of this definition within a {@link Resolve}: {@code ownerKey.name}. */
    public String key() {
        return key;
    }

    /** Whether this is a resource, directly or through aliases. */
    public boolean isResource() {
        return resource() != null;
    }

    /** The resource definition this names (following aliases), or null if it is not a resource. */
    public TypeDef resource() {
        TypeDef d = this;
        for (int guard = 0; guard < 1_000_000 && d != null; guard++) {
            TypeDefKind k = d.kind;
            if (k instanceof TypeDefKind.Resource) {
                return d;
            }
            if (k instanceof TypeDefKind.Alias a) {
                if (a.target() instanceof Type.Own o) {
                    d = o.resource();
                    continue;
                }
                if (a.target() instanceof Type.Named n) {
                    d = n.def();
                    continue;
                }
            }
            return null;
        }
        return null;
    }

    /** Structural comparison: name, owner key, docs, gate, external id and body. */
    public boolean contentEquals(TypeDef other) {
        return other != null && key.equals(other.key) && name.equals(other.name) && docs.equals(other.docs)
                && stability.equals(other.stability) && Objects.equals(externalId, other.externalId)
                && Objects.equals(kind, other.kind);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TypeDef other && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return "TypeDef[" + key + "]";
    }
}
