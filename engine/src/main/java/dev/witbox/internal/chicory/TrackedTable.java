package dev.witbox.internal.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.types.Table;

/**
 * A table that notices being changed after its instance was sealed: a pooled instance whose table the guest
 * changed cannot be reset in place (the snapshot does not hold tables), so the pool replaces it. Tables are
 * in practice filled once, by element segments while instantiating, and left alone.
 */
final class TrackedTable extends TableInstance {

    /**
     * The most elements a table may grow to. Chicory's own bound is 10 million (two arrays of that length, some
     * 80 MB of host heap per table, outside any memory budget); toolchains' tables hold hundreds.
     */
    static final int MAX_ELEMENTS = 1 << 20;

    private boolean sealed;
    private boolean changedSinceSeal;

    TrackedTable(Table table, int initialRef) {
        super(table, initialRef);
    }

    void seal() {
        sealed = true;
        changedSinceSeal = false;
    }

    boolean changedSinceSeal() {
        return changedSinceSeal;
    }

    @Override
    public int grow(int size, int value, Instance instance) {
        changedSinceSeal |= sealed;
        if (Integer.toUnsignedLong(size) > MAX_ELEMENTS - (long) size()) {
            return -1; // as table.grow past the declared maximum: the guest sees the failure
        }
        return super.grow(size, value, instance);
    }

    @Override
    public void setRef(int index, int value, Instance instance) {
        changedSinceSeal |= sealed;
        super.setRef(index, value, instance);
    }

    @Override
    public void reset() {
        changedSinceSeal |= sealed;
        super.reset();
    }
}
