package dev.witbox.internal.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
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
        private final ConcurrentHashMap<Integer, byte[]> sealedPages = new ConcurrentHashMap<>();

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

        /**
         * A page equal to {@code page}, page {@code index} of a sealed snapshot, that every instance of the
         * module may share: the first one sealed, when its contents are the same, else {@code page} itself.
         * Instances of a pool seal what their start functions wrote, usually the same bytes each time, and
         * would otherwise each keep their own copy of those pages for as long as they live.
         */
        byte[] sealedPage(int index, byte[] page) {
            byte[] first = sealedPages.putIfAbsent(index, page);
            return first == null || !Arrays.equals(first, page) ? page : first;
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
