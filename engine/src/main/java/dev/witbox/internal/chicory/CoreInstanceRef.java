package dev.witbox.internal.chicory;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.Element;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.MutabilityType;
import java.util.ArrayList;
import java.util.List;

/**
 * An instantiated core module: its exports, looked up by name, and the state a pool snapshots and resets —
 * the memories and tables it defines, its mutable globals, its element and data segments.
 */
public final class CoreInstanceRef {

    private final Instance instance;
    private final String name;
    private final List<TrackedMemory> memories;
    private final List<TrackedTable> tables;
    private final CallDepthLimit depthLimit;

    /** The sealed state: mutable globals it defines with their values, element and data segments. */
    private GlobalInstance[] sealedGlobals;
    private long[] sealedLow;
    private long[] sealedHigh;
    private Element[] sealedElements;
    private byte[][] sealedData;

    CoreInstanceRef(Instance instance, String name, List<TrackedMemory> memories, List<TrackedTable> tables,
            CallDepthLimit depthLimit) {
        this.instance = instance;
        this.depthLimit = depthLimit;
        this.name = name;
        this.memories = List.copyOf(memories);
        this.tables = List.copyOf(tables);
    }

    /** The Chicory instance itself, for the adapters of this package (WASI preview 1). */
    Instance instance() {
        return instance;
    }

    /**
     * The call-depth limit this instance went past, when that is why it trapped (only then is its depth
     * above the limit); else 0.
     */
    public int exceededCallDepth() {
        return depthLimit != null && depthLimit.exceeded(instance) ? depthLimit.limit() : 0;
    }

    /** The export called {@code exportName}, or null if the module exports nothing by that name. */
    public CoreExtern export(String exportName) {
        ExportSection exports = instance.module().exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            Export e = exports.getExport(i);
            if (e.name().equals(exportName)) {
                return switch (e.exportType()) {
                    case FUNCTION -> CoreFunc.exported(instance, exportName);
                    case MEMORY -> new CoreMemory(instance.exports().memory(exportName));
                    case TABLE -> new CoreTable(instance.exports().table(exportName));
                    case GLOBAL -> new CoreGlobal(instance.exports().global(exportName));
                    case TAG -> throw new IllegalStateException("tag exports are not supported: " + exportName);
                };
            }
        }
        return null;
    }

    /**
     * Records the instance's state as the snapshot {@link #reset()} returns to. Called once, right after the
     * whole plugin instance was made (start functions and segments done), before any call.
     */
    public void seal() {
        memories.forEach(TrackedMemory::seal);
        tables.forEach(TrackedTable::seal);
        List<GlobalInstance> mutable = new ArrayList<>();
        for (int i = instance.imports().globalCount(); i < instance.globalCount(); i++) {
            GlobalInstance g = instance.global(i);
            if (g.getMutabilityType() == MutabilityType.Var) {
                mutable.add(g);
            }
        }
        sealedGlobals = mutable.toArray(new GlobalInstance[0]);
        sealedLow = new long[sealedGlobals.length];
        sealedHigh = new long[sealedGlobals.length];
        for (int i = 0; i < sealedGlobals.length; i++) {
            sealedLow[i] = sealedGlobals[i].getValueLow();
            sealedHigh[i] = sealedGlobals[i].getValueHigh();
        }
        sealedElements = new Element[instance.elementCount()];
        for (int i = 0; i < sealedElements.length; i++) {
            sealedElements[i] = instance.element(i);
        }
        // data.drop marks the segment dropped on the Instance, which nothing can undo; memory.init reads the
        // memory's own list (which TrackedMemory restores), so only GC's array.new_data/init_data would see
        // a dropped segment: watch the segments of modules that declare array types
        sealedData = new byte[declaresArrayTypes(instance) ? instance.module().dataSection().dataSegmentCount() : 0][];
        for (int i = 0; i < sealedData.length; i++) {
            sealedData[i] = instance.dataSegmentData(i);
        }
    }

    private static boolean declaresArrayTypes(Instance instance) {
        var types = instance.module().typeSection();
        for (int i = 0; i < types.subTypeCount(); i++) {
            if (types.getSubType(i).compType().arrayType() != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@link #reset()} can restore the sealed state: not when a table was changed (the snapshot does
     * not hold tables), nor when a GC module dropped a data segment (Chicory cannot un-drop it).
     */
    public boolean resettable() {
        for (int i = 0; i < tables.size(); i++) { // indexed: an iterator per pooled reset was garbage
            if (tables.get(i).changedSinceSeal()) {
                return false;
            }
        }
        for (int i = 0; i < sealedData.length; i++) {
            if (instance.dataSegmentData(i) != sealedData[i]) {
                return false;
            }
        }
        return true;
    }

    /** Restores the sealed state: dirtied memory, grown pages, mutable globals, dropped element segments. */
    public void reset() {
        for (int i = 0; i < memories.size(); i++) {
            memories.get(i).reset();
        }
        for (int i = 0; i < sealedGlobals.length; i++) {
            // only a global the lease changed is written: Chicory's globals are small objects of their own that
            // a garbage collector may place on another instance's cache line, which a write would take away
            GlobalInstance g = sealedGlobals[i];
            if (g.getValueLow() != sealedLow[i]) {
                g.setValueLow(sealedLow[i]);
            }
            if (g.getValueHigh() != sealedHigh[i]) {
                g.setValueHigh(sealedHigh[i]);
            }
        }
        for (int i = 0; i < sealedElements.length; i++) {
            if (instance.element(i) != sealedElements[i]) {
                instance.setElement(i, sealedElements[i]);
            }
        }
    }

    /** Bytes of memory dirtied since the seal or last reset (what the next reset restores). */
    public long dirtyBytes() {
        long sum = 0;
        for (TrackedMemory m : memories) {
            sum += m.dirtyBytes();
        }
        return sum;
    }

    /** Gives the memories this instance defines back to their budget; the instance must not run again. */
    public void free() {
        memories.forEach(TrackedMemory::free);
    }

    @Override
    public String toString() {
        return "CoreInstance[" + name + "]";
    }
}
