package dev.witbox.abi;

import dev.witbox.api.value.ResourceHandle;
import java.util.Objects;

/**
 * The host's side of a resource handle: what a {@code WitValue.Handle} holds when a resource
 * crosses into the host, and what the host passes back.
 *
 * <p>An own reference moves when passed to a guest as {@code own} (it is then dropped here); it is
 * lent when passed as {@code borrow}, for the length of that call. A borrow reference the host
 * receives is valid only until the call that gave it returns. Dropping an own reference to a
 * resource a guest defines runs the guest's destructor.
 */
public final class ResourceRef implements ResourceHandle {

    private final ResourceType type;
    private final int rep;
    /** The instance that defines the resource type, or null for a resource the host implements. */
    private final ComponentInstance owner;
    private final boolean own;
    /** The owner's {@link ComponentInstance#epoch} when the handle was made. */
    private final int epoch;
    int lends;
    boolean dropped;

    ResourceRef(ResourceType type, int rep, ComponentInstance owner, boolean own) {
        this.type = type;
        this.rep = rep;
        this.owner = owner;
        this.own = own;
        this.epoch = owner == null ? 0 : owner.epoch;
    }

    /** Whether the owner was reset since the handle was made (a pooled instance's earlier lease). */
    boolean stale() {
        return owner != null && owner.epoch != epoch;
    }

    /** The trap for a handle used after its owner was reset. */
    CanonicalAbiTrap staleTrap() {
        return new CanonicalAbiTrap(withArticle() + " of " + owner.name()
                + " comes from an earlier lease of the pooled instance, which was reset since");
    }

    /** An own reference to a resource the host itself implements, with representation {@code rep}. */
    public static ResourceRef hostResource(ResourceType type, int rep) {
        return new ResourceRef(Objects.requireNonNull(type, "type"), rep, null, true);
    }

    public ResourceType type() {
        return type;
    }

    /** The resource's representation (the value given to {@code resource.new}, or the host's). */
    public int rep() {
        return rep;
    }

    public boolean isOwn() {
        return own;
    }

    /** The instance that defines the resource type, or null when the host implements it. */
    public ComponentInstance owner() {
        return owner;
    }

    @Override
    public String resourceName() {
        return type.name();
    }

    @Override
    public boolean isDropped() {
        return dropped;
    }

    /**
     * Drops the reference. For an own reference to a guest-defined resource this runs the
     * resource's destructor in its instance; a borrow reference just ends early.
     */
    public void drop() {
        if (stale()) {
            throw staleTrap();
        }
        if (dropped) {
            throw new CanonicalAbiTrap(describe() + " was already dropped or moved");
        }
        if (lends > 0) {
            throw new CanonicalAbiTrap("cannot drop " + describe() + ": it is lent to a call in progress");
        }
        dropped = true;
        if (own && owner != null) {
            owner.destroyForHost(type, rep);
        }
    }

    String withArticle() {
        return (own ? "an " : "a ") + describe();
    }

    String describe() {
        return (own ? "own<" : "borrow<") + type.name() + "> handle";
    }

    @Override
    public String toString() {
        return "ResourceRef[" + describe() + ", rep=" + rep + (dropped ? ", dropped" : "") + "]";
    }
}
