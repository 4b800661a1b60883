package dev.witbox.abi;

import static dev.witbox.abi.CanonicalAbiTrap.hex;

import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The spec's {@code LiftLowerContext} for one call: options, instance, and the bookkeeping of the
 * call's borrow scope. Allocated once per call; the handle lists stay null unless the call passes
 * handles.
 */
final class CallContext {

    final GuestMemory memory;
    final Realloc realloc;
    final StringEncoding encoding;
    final ComponentInstance instance;
    private final long maxLiftedBytes;
    private long liftedBytes;

    /** The second result of storing a string or list: its length in (tagged) code units or elements. */
    long lastLength;

    /** Guest handles lent to the host for this call (canon lower), to give back at its end. */
    private List<HandleTable.Entry> lentEntries;
    /** Host references lent to the guest for this call (canon lift), to give back at its end. */
    private List<ResourceRef> lentRefs;
    /** Borrow references handed to the host for this call (canon lower), invalid after it. */
    private List<ResourceRef> scopedRefs;

    CallContext(CanonicalOptions options, ComponentInstance instance) {
        this.memory = options.memory();
        this.realloc = options.realloc();
        this.encoding = options.stringEncoding();
        this.maxLiftedBytes = options.maxLiftedBytes();
        this.instance = instance;
    }

    /**
     * This context made ready for another call, as if new: a lifted function keeps one, since its
     * instance cannot be reentered while a call runs (so two calls never share it).
     */
    CallContext reset() {
        liftedBytes = 0;
        lastLength = 0;
        lentEntries = null;
        lentRefs = null;
        scopedRefs = null;
        return this;
    }

    /** Calls the guest's realloc for a fresh block and checks what it returns. */
    long allocate(int alignment, long byteLength, String what) {
        if (byteLength > 0xFFFF_FFFFL) {
            throw new CanonicalAbiTrap(what + " of " + byteLength + " bytes does not fit in a 32-bit memory");
        }
        long ptr;
        // realloc may not call imports: the spec clears may_leave around it.
        instance.mayLeave = false;
        try {
            ptr = realloc.realloc(0, 0, alignment, byteLength) & 0xFFFF_FFFFL;
        } finally {
            instance.mayLeave = true;
        }
        if ((ptr & (alignment - 1)) != 0) {
            throw new CanonicalAbiTrap("realloc returned " + hex(ptr) + " for " + what
                    + ", which is not aligned to " + alignment + " bytes");
        }
        if (byteLength > memory.size() || ptr > memory.size() - byteLength) {
            throw new CanonicalAbiTrap("realloc returned " + hex(ptr) + " for " + what + " with " + byteLength
                    + " bytes, which runs past the end of memory (" + memory.size() + " bytes)");
        }
        return ptr;
    }

    void checkAligned(String what, long ptr, int alignment) {
        if ((ptr & (alignment - 1)) != 0) {
            throw new CanonicalAbiTrap(what + " at " + hex(ptr) + " is not aligned to " + alignment + " bytes");
        }
    }

    void checkInBounds(String what, long ptr, long byteLength) {
        if (byteLength > memory.size() || ptr > memory.size() - byteLength) {
            throw new CanonicalAbiTrap(what + " at " + hex(ptr) + " with " + byteLength
                    + " bytes runs past the end of memory (" + memory.size() + " bytes)");
        }
    }

    /**
     * Counts what lifting {@code what} costs (its bytes, and for lists the host's objects) against the options'
     * limit, before the host allocates it.
     */
    void charge(String what, long ptr, long cost) {
        liftedBytes += cost;
        if (liftedBytes > maxLiftedBytes) {
            throw new CanonicalAbiTrap(what + " at " + hex(ptr) + " costs " + cost
                    + " bytes, which brings the call's lifted data past its limit of " + maxLiftedBytes + " bytes");
        }
    }

    // ---- handles ----

    /** {@code lift_own}: takes the own handle out of the guest's table. */
    WitValue liftOwn(ResourceType type, int index) {
        HandleTable table = instance.handles;
        HandleTable.Entry e = table.get(index, type);
        if (!e.own) {
            throw new CanonicalAbiTrap("handle " + index + " is " + e.describe() + ", passed as own<"
                    + type.name() + ">");
        }
        if (e.lends != 0) {
            throw new CanonicalAbiTrap("cannot move handle " + index + " (" + e.kind() + "): it is lent to "
                    + e.lends + " call(s)");
        }
        table.remove(index);
        return new WitValue.Handle(new ResourceRef(type, e.rep, ownerOf(type), true, e.hostObject));
    }

    /** {@code lift_borrow}: lends the guest's handle to the host until the call ends. */
    WitValue liftBorrow(ResourceType type, int index) {
        HandleTable.Entry e = instance.handles.get(index, type);
        e.lends++;
        if (lentEntries == null) {
            lentEntries = new ArrayList<>(2);
            scopedRefs = new ArrayList<>(2);
        }
        lentEntries.add(e);
        ResourceRef ref = new ResourceRef(type, e.rep, ownerOf(type), false, e.hostObject);
        scopedRefs.add(ref);
        return new WitValue.Handle(ref);
    }

    /** {@code lower_own}: moves the host's reference into the guest's table. */
    int lowerOwn(ResourceType type, WitValue value) {
        ResourceRef ref = checkedRef(type, value);
        if (!ref.isOwn()) {
            throw new CanonicalAbiTrap(ref.withArticle() + " cannot be passed as own<" + type.name() + ">");
        }
        if (ref.lends > 0) {
            throw new CanonicalAbiTrap("cannot move " + ref.describe() + ": it is lent to a call in progress");
        }
        ref.dropped = true;
        return instance.handles.add(new HandleTable.Entry(type, ref.rep(), true, ref.hostObject()));
    }

    /**
     * {@code lower_borrow}: lends the host's reference to the guest for the call. A guest that
     * defines the type gets the representation itself, the only thing a borrow is good for there.
     */
    int lowerBorrow(ResourceType type, WitValue value) {
        ResourceRef ref = checkedRef(type, value);
        ref.lends++;
        if (lentRefs == null) {
            lentRefs = new ArrayList<>(2);
        }
        lentRefs.add(ref);
        if (instance.definesResource(type)) {
            return ref.rep();
        }
        instance.outstandingBorrows++;
        return instance.handles.add(new HandleTable.Entry(type, ref.rep(), false, ref.hostObject()));
    }

    private ResourceRef checkedRef(ResourceType type, WitValue value) {
        if (!(value instanceof WitValue.Handle h)) {
            throw new WitboxException("cannot pass " + Codec.describe(value) + " as a handle of " + type.name());
        }
        if (!(h.handle() instanceof ResourceRef ref)) {
            throw new WitboxException("cannot pass a " + h.handle().getClass().getName()
                    + " as a handle: only handles the ABI made can be passed back");
        }
        if (ref.dropped) {
            throw new CanonicalAbiTrap(ref.describe() + " was already dropped or moved");
        }
        if (ref.type() == null) {
            // a host object takes the type it is passed as, which must be one the guest imports
            if (instance.definesResource(type)) {
                throw new CanonicalAbiTrap("a Java object (" + ref.hostObject().getClass().getName()
                        + ") was passed as a handle of " + type.name() + ", a resource " + instance.name()
                        + " defines itself: only resources a plugin imports can be host objects");
            }
            return ref;
        }
        if (ref.type() != type) {
            throw new CanonicalAbiTrap(ref.withArticle() + " was passed where a handle of " + type.name()
                    + " is expected (wrong resource type)");
        }
        if (ref.owner() != ownerOf(type)) {
            throw new CanonicalAbiTrap(ref.withArticle() + " of "
                    + (ref.owner() == null ? "the host" : ref.owner().name()) + " was passed to " + instance.name()
                    + " (handle from another instance)");
        }
        if (ref.stale()) {
            throw ref.staleTrap();
        }
        return ref;
    }

    private ComponentInstance ownerOf(ResourceType type) {
        return instance.definerOf(type);
    }

    /** The end of the call's borrow scope: loans are returned and borrowed references expire. */
    void endBorrowScope() {
        if (lentEntries != null) {
            for (HandleTable.Entry e : lentEntries) {
                e.lends--;
            }
            for (ResourceRef r : scopedRefs) {
                r.dropped = true;
            }
        }
        if (lentRefs != null) {
            for (ResourceRef r : lentRefs) {
                r.lends--;
            }
        }
    }
}
