package dev.witbox.abi;

import static dev.witbox.abi.CanonicalAbiTrap.hex;

/**
 * A component instance's table of resource handles: the i32 a guest holds for a handle is an
 * index into it. Index 0 is never used, so that 0 can serve guests as a null handle; freed slots
 * are reused before the table grows, and it never grows past {@link #MAX_HANDLES} entries (less than
 * the spec's {@code Table.MAX_LENGTH}, 2^28 - 1, which leaves guests the top 4 bits of an index).
 */
public final class HandleTable {

    /** The spec's bound on a table's length ({@code Table.MAX_LENGTH}). */
    public static final int MAX_LENGTH = (1 << 28) - 1;

    /**
     * witbox's bound, which the spec allows a host to set: a guest making handles in a loop would otherwise
     * hold about 10 GiB of the host's heap (an entry object and a slot each) before reaching
     * {@link #MAX_LENGTH}, outside any memory budget. A million handles cost at most ~40 MiB.
     */
    public static final int MAX_HANDLES = 1 << 20;

    /**
     * An own or borrow handle: the resource's type and representation, and how often it is lent out. A
     * handle of a resource the host implements with a Java object carries that object: the object is the
     * representation, so no table elsewhere maps representations to objects.
     */
    static final class Entry {
        final ResourceType type;
        final int rep;
        final boolean own;
        /** The host's Java object behind a handle of an imported resource, or null. */
        final Object hostObject;
        /** Borrows of this handle currently lent to calls (only ever non-zero for an own handle or a borrow passed on). */
        int lends;

        Entry(ResourceType type, int rep, boolean own) {
            this(type, rep, own, null);
        }

        Entry(ResourceType type, int rep, boolean own, Object hostObject) {
            this.type = type;
            this.rep = rep;
            this.own = own;
            this.hostObject = hostObject;
        }

        /** "own<r>" or "borrow<r>", for messages. */
        String kind() {
            return (own ? "own<" : "borrow<") + type.name() + ">";
        }

        /** "an own<r>" or "a borrow<r>", for messages. */
        String describe() {
            return (own ? "an " : "a ") + kind();
        }
    }

    private Entry[] entries = new Entry[8];
    private int length = 1;
    private int[] free = new int[8];
    private int freeCount;
    private int live;

    /** How many handles the table holds. */
    public int size() {
        return live;
    }

    /** Whether {@code index} is a live handle. */
    public boolean contains(int index) {
        return index > 0 && index < length && entries[index] != null;
    }

    int add(Entry entry) {
        int index;
        if (freeCount > 0) {
            index = free[--freeCount];
        } else {
            if (length > MAX_HANDLES) {
                throw new CanonicalAbiTrap("handle table is full (" + MAX_HANDLES + " handles, witbox's limit"
                        + " per component instance)");
            }
            if (length == entries.length) {
                entries = java.util.Arrays.copyOf(entries, entries.length * 2);
            }
            index = length++;
        }
        entries[index] = entry;
        live++;
        return index;
    }

    /** The entry at {@code index}, trapping unless it exists and is a handle of {@code type}. */
    Entry get(int index, ResourceType type) {
        if (index <= 0 || index >= length || entries[index] == null) {
            throw new CanonicalAbiTrap("handle " + Integer.toUnsignedString(index) + " ("
                    + hex(Integer.toUnsignedLong(index)) + ") is not a live handle of " + type.name());
        }
        Entry e = entries[index];
        if (e.type != type) {
            throw new CanonicalAbiTrap("handle " + index + " is " + e.describe() + ", not a handle of "
                    + type.name() + " (wrong resource type)");
        }
        return e;
    }

    /**
     * Removes the own handles that carry a host object and returns their objects, in index order: what a
     * reset or close of the instance has to close, since the guest will never drop them.
     */
    java.util.List<Object> takeOwnedHostObjects() {
        if (live == 0) {
            return java.util.List.of(); // every reset of a pooled instance asks: nothing to allocate for
        }
        java.util.List<Object> out = new java.util.ArrayList<>();
        for (int i = 1; i < length; i++) {
            Entry e = entries[i];
            if (e != null && e.own && e.hostObject != null) {
                out.add(e.hostObject);
                remove(i);
            }
        }
        return out;
    }

    /** The table as {@link #seal()} left it, for {@link #clear()} to return to; null when never sealed. */
    private Entry[] sealedEntries;
    private int sealedLength;

    /**
     * Makes the handles the table holds now the ones {@link #clear()} returns to (a pooled instance whose
     * start functions took handles of host state that the next lease's imports re-create, see
     * {@code HostImports.Sealable}); freed slots are compacted away in the copy's bookkeeping.
     */
    boolean seal() {
        for (int i = 1; i < length; i++) {
            if (entries[i] != null && entries[i].hostObject != null) {
                return false; // a Java object cannot be handed to the next lease: it would be closed at the reset
            }
        }
        sealedEntries = java.util.Arrays.copyOf(entries, length);
        sealedLength = length;
        return true;
    }

    /** Empties the table, as new, or back to the handles it held when sealed. */
    void clear() {
        if (sealedEntries != null) {
            if (entries.length < sealedLength) {
                entries = new Entry[sealedEntries.length];
            }
            java.util.Arrays.fill(entries, null);
            System.arraycopy(sealedEntries, 0, entries, 0, sealedLength);
            length = sealedLength;
            if (free.length < length) {
                free = new int[length];
            }
            freeCount = 0;
            live = 0;
            for (int i = 1; i < length; i++) {
                if (entries[i] == null) {
                    free[freeCount++] = i;
                } else {
                    entries[i].lends = 0; // no call runs between leases
                    live++;
                }
            }
            return;
        }
        // nothing written when the lease made no handle: the table is a small object that a garbage collector
        // may place on the cache line of another instance's, which a write would take from the core using it
        if (length > 1) {
            java.util.Arrays.fill(entries, 1, length, null);
            length = 1;
        }
        if (freeCount != 0) {
            freeCount = 0;
        }
        if (live != 0) {
            live = 0;
        }
    }

    void remove(int index) {
        entries[index] = null;
        if (freeCount == free.length) {
            free = java.util.Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = index;
        live--;
    }
}
