package dev.witbox.abi;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The canonical ABI's state of one component instance: its handle table, the
 * {@code may_enter}/{@code may_leave} flags that forbid reentrance, and the resource types it
 * defines or imports. The resource built-ins ({@code resource.new}, {@code .rep}, {@code .drop})
 * are its methods, for the runtime to expose to core wasm.
 *
 * <p>Only synchronous calls exist here, so an instance runs at most one call (task) at a time and
 * the borrows lent into that call are a single counter, as the spec allows. The flags every call writes
 * are in {@link ComponentInstanceFlags}, on cache lines of their own.
 */
public final class ComponentInstance extends ComponentInstanceFlags {

    private static final Destructor NO_DESTRUCTOR = rep -> {};
    private static final Logger LOG = LoggerFactory.getLogger(ComponentInstance.class);

    // first of this class's fields, so right after ComponentInstanceFlags's: keeps the next object off their line
    @SuppressWarnings("unused")
    private long pad0, pad1, pad2, pad3, pad4, pad5, pad6, pad7;

    private final String name;
    final HandleTable handles = new HandleTable();

    private final Map<ResourceType, Destructor> defined = new IdentityHashMap<>();
    private final Map<ResourceType, Destructor> imported = new IdentityHashMap<>();
    private Map<ResourceType, ComponentInstance> definers = Map.of();

    public ComponentInstance(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public String name() {
        return name;
    }

    /** The instance's handle table. */
    public HandleTable handles() {
        return handles;
    }

    /** Declares that this instance implements {@code type}; {@code destructor} may be null. */
    public void defineResource(ResourceType type, Destructor destructor) {
        defined.put(type, destructor == null ? NO_DESTRUCTOR : destructor);
    }

    /**
     * Declares that this instance imports {@code type} from the host; {@code destructor}, which may
     * be null, runs when the guest drops an own handle of it.
     */
    public void importResource(ResourceType type, Destructor destructor) {
        imported.put(type, destructor == null ? NO_DESTRUCTOR : destructor);
    }

    /** Whether this instance implements {@code type}. */
    public boolean definesResource(ResourceType type) {
        return defined.containsKey(type);
    }

    /**
     * Tells this instance which instance of the same component tree defines each resource type: a handle of a
     * resource a sibling defines (passed in by a lowered call, CanonicalABI {@code lower_own}) is that
     * sibling's resource, its destructor runs there, and its references are checked against that sibling.
     */
    public void linkDefiners(Map<ResourceType, ComponentInstance> definers) {
        this.definers = Map.copyOf(definers);
    }

    /** The instance that defines {@code type} in this component tree, or null for a resource of the host. */
    ComponentInstance definerOf(ResourceType type) {
        return defined.containsKey(type) ? this : definers.get(type);
    }

    /** Whether the instance's handle table holds any handle. */
    public boolean hasHandles() {
        return handles.size() > 0;
    }

    /** Whether a call into the instance is running. */
    public boolean isInCall() {
        return !mayEnter;
    }

    /** {@code canon resource.new}: a new own handle to {@code rep}. */
    public int resourceNew(ResourceType type, int rep) {
        checkMayLeave("resource.new");
        if (!definesResource(type)) {
            throw new CanonicalAbiTrap("resource.new of " + type.name() + ", which " + name + " does not define");
        }
        return handles.add(new HandleTable.Entry(type, rep, true));
    }

    /** {@code canon resource.rep}: the representation behind handle {@code index}. */
    public int resourceRep(ResourceType type, int index) {
        if (!definesResource(type)) {
            throw new CanonicalAbiTrap("resource.rep of " + type.name() + ", which " + name + " does not define");
        }
        return handles.get(index, type).rep;
    }

    /**
     * {@code canon resource.drop}: removes handle {@code index}; an own handle's resource is
     * destroyed, a borrow handle's loan ends.
     */
    public void resourceDrop(ResourceType type, int index) {
        checkMayLeave("resource.drop");
        HandleTable.Entry e = handles.get(index, type);
        if (e.lends != 0) {
            throw new CanonicalAbiTrap("cannot drop handle " + index + " (" + e.kind() + "): it is lent to "
                    + e.lends + " call(s)");
        }
        handles.remove(index);
        if (e.own && e.hostObject != null) {
            closeDropped(type, e.hostObject);
        } else if (e.own) {
            destructorOf(type).destroy(e.rep);
        } else {
            outstandingBorrows--;
        }
    }

    /** The guest dropped its own handle of a host object: the object's {@code close()} is its destructor. */
    private void closeDropped(ResourceType type, Object object) {
        if (!(object instanceof AutoCloseable closeable)) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            throw new CanonicalAbiTrap("the host's close() of " + type.name() + " (" + object.getClass().getName()
                    + "), which " + name + " dropped, failed: " + e, e);
        }
    }

    /**
     * Closes the host objects of the own handles still in the table and removes those handles: the guest
     * can no longer drop them once the instance is reset or closed, and nothing may leak into a later lease.
     * A failing {@code close()} is logged and does not stop the others.
     */
    public void closeHostObjects() {
        for (Object object : handles.takeOwnedHostObjects()) {
            if (object instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("closing {} ({}), which {} still held, failed", object, object.getClass().getName(),
                            name, e);
                }
            }
        }
    }

    private Destructor destructorOf(ResourceType type) {
        Destructor d = defined.get(type);
        if (d == null) {
            d = imported.get(type);
        }
        ComponentInstance definer = definers.get(type);
        if (d == null && definer != null) {
            d = definer.defined.get(type);
        }
        return d == null ? NO_DESTRUCTOR : d;
    }

    /** Runs the destructor of a resource this instance defines, on the host's behalf. */
    void destroyForHost(ResourceType type, int rep) {
        if (!mayEnter) {
            throw new CanonicalAbiTrap("cannot drop a " + type.name() + " of " + name
                    + " while a call into it is running (it may not be reentered)");
        }
        mayEnter = false;
        try {
            destructorOf(type).destroy(rep);
        } finally {
            mayEnter = true;
        }
    }

    void checkMayLeave(String what) {
        if (!mayLeave) {
            throw new CanonicalAbiTrap(what + " called by " + name
                    + " while it may not leave (during realloc or post-return)");
        }
    }

    /**
     * Makes the handles the instance holds now (taken by its start functions) the ones {@link #reset()}
     * returns to, for a pooled instance whose host state the next lease's imports re-create under the same
     * representations; false (nothing changed) when a handle carries a Java object, which cannot be.
     */
    public boolean seal() {
        return handles.seal();
    }

    /**
     * Returns the instance to its state before any call: no handles (or those it held when {@link #seal sealed}),
     * may enter, may leave. For a pooled
     * instance whose core state was reset to its snapshot; handles the host still holds are refused from now.
     * Host objects the guest still owns are closed ({@link #closeHostObjects()}).
     */
    public void reset() {
        closeHostObjects();
        handles.clear();
        mayEnter = true;
        mayLeave = true;
        outstandingBorrows = 0;
        epoch++;
    }

    /** Marks the start of a call into the instance, trapping if one is already running. */
    void enter(String function) {
        if (!mayEnter) {
            throw new CanonicalAbiTrap("cannot call " + function + ": " + name
                    + " is already in a call and may not be reentered");
        }
        mayEnter = false;
        outstandingBorrows = 0;
    }

    void leave() {
        mayEnter = true;
    }

    @Override
    public String toString() {
        return "ComponentInstance[" + name + "]";
    }
}
