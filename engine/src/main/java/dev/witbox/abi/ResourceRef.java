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
 *
 * <p>A resource the plugin imports may be implemented by the host with plain Java objects
 * ({@link #hostObject(Object)}): the object travels in the guest's handle table as the resource's
 * representation, and comes back in the references the host receives ({@link #hostObject()}). When the
 * guest drops its own handle of such an object, the object is closed ({@link AutoCloseable}); an own
 * reference the host receives moves the object back to the host, which closes it when done with it.
 */
public final class ResourceRef implements ResourceHandle {

    /** The resource type, or null for a {@link #hostObject(Object)} not yet passed (the codec's type is used). */
    private final ResourceType type;
    private final int rep;
    /** The host's Java object that is the resource, or null. */
    private final Object hostObject;
    /** The instance that defines the resource type, or null for a resource the host implements. */
    private final ComponentInstance owner;
    private final boolean own;
    /** The owner's {@link ComponentInstance#epoch} when the handle was made. */
    private final int epoch;
    int lends;
    boolean dropped;

    ResourceRef(ResourceType type, int rep, ComponentInstance owner, boolean own) {
        this(type, rep, owner, own, null);
    }

    ResourceRef(ResourceType type, int rep, ComponentInstance owner, boolean own, Object hostObject) {
        this.type = type;
        this.rep = rep;
        this.hostObject = hostObject;
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

    /**
     * An own reference to {@code object}, a Java object the host implements a resource with: passed to a
     * guest as {@code own<r>} or {@code borrow<r>} of a resource type {@code r} the guest imports, it goes
     * into the guest's handle table as is. When the guest drops its own handle, the object is closed if it
     * is {@link AutoCloseable} (as are those still held when the instance is reset or closed).
     */
    public static ResourceRef hostObject(Object object) {
        return new ResourceRef(null, 0, null, true, Objects.requireNonNull(object, "object"));
    }

    /** The host's Java object that is the resource, or null when the resource is not one. */
    public Object hostObject() {
        return hostObject;
    }

    /** The resource type; null for a {@link #hostObject(Object)} the host made, which takes the type it is passed as. */
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
        return type != null ? type.name() : hostObject.getClass().getSimpleName();
    }

    @Override
    public boolean isDropped() {
        return dropped;
    }

    /**
     * Drops the reference. For an own reference to a guest-defined resource this runs the
     * resource's destructor in its instance; a borrow reference just ends early. A {@link #hostObject()}
     * is not closed here: it is the host's, to close when it is done with it.
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
        return (own ? "own<" : "borrow<") + resourceName() + "> handle";
    }

    @Override
    public String toString() {
        return "ResourceRef[" + describe() + (hostObject != null ? ", " + hostObject : ", rep=" + rep)
                + (dropped ? ", dropped" : "") + "]";
    }
}
