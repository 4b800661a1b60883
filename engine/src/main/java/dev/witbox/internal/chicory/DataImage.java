package dev.witbox.internal.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A module's memory right after its active data segments were written: made by the first instance, then
 * shared, never written, by every later one (which copies a page only when it first stores into it).
 * Valid for an instance whose segment offsets come out the same (they may read imported globals).
 */
final class DataImage {

    /** Where a module keeps its image; the first one offered wins. */
    static final class Slot {
        private final WasmModule module;
        private final AtomicReference<DataImage> image = new AtomicReference<>();

        Slot(WasmModule module) {
            this.module = module;
        }

        /**
         * Whether {@code instance} is of the module whose image this is: another module's segments written
         * into an imported memory are never taken for the image.
         */
        boolean isFor(Instance instance) {
            return instance.module() == module;
        }

        DataImage get() {
            return image.get();
        }

        void offer(DataImage candidate) {
            image.compareAndSet(null, candidate);
        }
    }

    private final long[] offsets;
    private final int pageCount;
    private final byte[][] pages;

    DataImage(long[] offsets, int pageCount, byte[][] pages) {
        this.offsets = offsets;
        this.pageCount = pageCount;
        this.pages = pages;
    }

    boolean matches(long[] segmentOffsets, int initialPages) {
        return initialPages == pageCount && Arrays.equals(offsets, segmentOffsets);
    }

    /** Shares the image's pages into a memory of the same size. */
    void copyInto(byte[][] target) {
        System.arraycopy(pages, 0, target, 0, pageCount);
    }
}
