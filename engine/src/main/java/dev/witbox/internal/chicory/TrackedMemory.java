package dev.witbox.internal.chicory;

import com.dylibso.chicory.runtime.ConstantEvaluators;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A linear memory that charges a {@link MemoryBudget} for every page it grows by, shares unwritten pages
 * with an image, and remembers what it dirtied so that {@link #reset()} costs what the guest touched, not
 * what the memory holds.
 *
 * <p>Memory is 64 KiB pages, each its own {@code byte[]}. A page is either shared — the zero page, a page
 * of the module's initial data image, or a page of this memory's sealed snapshot, never written — or
 * private to this memory. Pages are split into 1 KiB chunks with one dirty byte each (small, because a FRESH reset copies whole
 * chunks back: a call that dirties a few words of stack and heap costs a few KiB of copying, not 4 KiB each): a store checks its
 * chunk's byte (one load and a branch the CPU predicts) and only the first store into a chunk takes the
 * slow path, which copies a shared page on write and records the chunk in a list. {@link #seal()} makes
 * the current contents the snapshot; {@link #reset()} copies back exactly the dirty chunks of the listed pages, drops pages
 * grown since the seal (returning them to the budget) and clears the list.
 *
 * <p>A scalar store never spans more than 8 bytes, and one that does not fit in its page goes through the
 * byte-wise slow path, so a fast store is dirty-marked by its first byte's chunk only: restoring a chunk
 * also restores the 7 bytes after it (within the page), which covers the store's tail.
 *
 * <p>Not thread-safe, like the instance that owns it; shared (threads) memories are refused by the decoder.
 */
final class TrackedMemory implements Memory {

    static final int CHUNK_SHIFT = 10;
    private static final int CHUNK = 1 << CHUNK_SHIFT;
    private static final int CHUNKS_PER_PAGE = PAGE_SIZE / CHUNK;
    /** Restoring a chunk also restores this many bytes after it: the tail of a scalar store (≤ 8 bytes). */
    private static final int STORE_TAIL = 7;
    /** The shared page of zeros every fresh page starts as. Never written. */
    static final byte[] ZERO_PAGE = new byte[PAGE_SIZE];

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final MemoryBudget budget;
    private final int initialPages;
    private final int maximumPages;
    /** Where the module's initial data image is cached; null when this memory cannot share one. */
    private final DataImage.Slot imageSlot;

    /** The pages; entries at and past {@link #size} are null. */
    private byte[][] pages;
    /** Whether each page is this memory's own (writable) rather than shared. */
    private boolean[] owned;
    /** One byte per chunk: non-zero once the chunk was written since the last seal or reset. */
    private byte[] dirty;
    /** Per page, how many of its chunks are dirty (a wholly dirty page is re-shared on reset, not copied). */
    private short[] dirtyChunksInPage;
    private int size;
    /**
     * The pages with a chunk written since the last seal or reset, in the order first written. A reset
     * walks these pages and, in each, the dirty bytes of its chunks: a list of chunks would cost a step per
     * chunk, 64 per wholly written page.
     */
    private int[] dirtyPages = new int[8];
    private int dirtyPageCount;
    private int dirtyCount;

    private DataSegment[] dataSegments = new DataSegment[0];

    /** The sealed state: pages, page count and passive segments as they were at {@link #seal()}. */
    private byte[][] snapshotPages;
    private int snapshotSize = -1;
    private DataSegment[] snapshotSegments;
    private boolean freed;

    TrackedMemory(int initialPages, int maximumPages, MemoryBudget budget, DataImage.Slot imageSlot) {
        this.budget = budget;
        this.initialPages = initialPages;
        this.maximumPages = maximumPages;
        this.imageSlot = imageSlot;
        budget.reserveInitial((long) initialPages * PAGE_SIZE);
        int capacity = Math.max(1, initialPages);
        this.pages = new byte[capacity][];
        this.owned = new boolean[capacity];
        this.dirty = new byte[capacity * CHUNKS_PER_PAGE];
        this.dirtyChunksInPage = new short[capacity];
        Arrays.fill(pages, 0, initialPages, ZERO_PAGE);
        this.size = initialPages;
    }

    // ------------------------------------------------------------------ pool lifecycle

    /** Makes the current contents the snapshot {@link #reset()} returns to; all pages become shared. */
    void seal() {
        if (imageSlot != null) {
            for (int i = 0; i < size; i++) {
                if (owned[i]) {
                    pages[i] = imageSlot.sealedPage(i, pages[i]);
                }
            }
        }
        snapshotPages = Arrays.copyOf(pages, size);
        snapshotSize = size;
        snapshotSegments = dataSegments.clone();
        Arrays.fill(owned, false);
        clearDirty();
    }

    /** Restores the sealed snapshot over the chunks written since, and gives back pages grown since. */
    void reset() {
        for (int i = 0; i < dirtyPageCount; i++) {
            int page = dirtyPages[i];
            if (page < snapshotSize) {
                if (dirtyChunksInPage[page] == CHUNKS_PER_PAGE) {
                    // all of it was written: share the snapshot's page again instead of copying 64 KiB back
                    // (the next store copies it on write, and an idle instance holds less meanwhile)
                    pages[page] = snapshotPages[page];
                    owned[page] = false;
                } else if (owned[page]) {
                    restoreDirtyChunks(page);
                }
            }
            clearPage(page);
        }
        // written only when the lease changed them, as below: a reset after a call that stored nothing writes
        // nothing here, so this object's cache line is never one another instance's call keeps moving away
        if (dirtyPageCount != 0) {
            dirtyPageCount = 0;
            dirtyCount = 0;
        }
        if (size > snapshotSize) {
            budget.release((long) (size - snapshotSize) * PAGE_SIZE);
            Arrays.fill(pages, snapshotSize, size, null);
            Arrays.fill(owned, snapshotSize, size, false);
            size = snapshotSize;
        }
        if (dirtyPages.length > 4096) {
            dirtyPages = new int[8];
        }
        for (int i = 0; i < dataSegments.length; i++) {
            if (dataSegments[i] != snapshotSegments[i]) {
                dataSegments[i] = snapshotSegments[i]; // data.drop ran in the lease
            }
        }
    }

    /** Copies the snapshot back over each run of dirty chunks of a page only partly written. */
    private void restoreDirtyChunks(int page) {
        byte[] from = snapshotPages[page];
        byte[] to = pages[page];
        int base = page * CHUNKS_PER_PAGE;
        int c = 0;
        while (c < CHUNKS_PER_PAGE) {
            if ((c & 7) == 0 && (long) LONG.get(dirty, base + c) == 0) {
                c += 8; // eight clean chunks at once: most of a page a call touched is clean
                continue;
            }
            if (dirty[base + c] == 0) {
                c++;
                continue;
            }
            int end = c + 1;
            while (end < CHUNKS_PER_PAGE && dirty[base + end] != 0) {
                end++;
            }
            int offset = c * CHUNK;
            int length = Math.min(end * CHUNK + STORE_TAIL, PAGE_SIZE) - offset;
            System.arraycopy(from, offset, to, offset, length);
            c = end;
        }
    }

    /** The array page {@code index} lives in now (tests check which pages are shared). */
    byte[] page(int index) {
        return pages[index];
    }

    /** Bytes written since the last seal or reset would take to restore (chunks times their size). */
    long dirtyBytes() {
        return (long) dirtyCount * CHUNK;
    }

    /** Gives the whole memory back to the budget; the memory must not be used again. */
    void free() {
        if (!freed) {
            freed = true;
            budget.release((long) size * PAGE_SIZE);
            pages = new byte[0][];
            owned = new boolean[0];
            dirty = new byte[0];
            dirtyChunksInPage = new short[0];
            size = 0;
        }
    }

    private void clearDirty() {
        for (int i = 0; i < dirtyPageCount; i++) {
            clearPage(dirtyPages[i]);
        }
        dirtyPageCount = 0;
        dirtyCount = 0;
    }

    private void clearPage(int page) {
        Arrays.fill(dirty, page * CHUNKS_PER_PAGE, (page + 1) * CHUNKS_PER_PAGE, (byte) 0);
        dirtyChunksInPage[page] = 0;
    }

    /** The slow path of the first store into {@code chunk}: copy a shared page, note the chunk. */
    private void touch(int chunk) {
        int page = chunk / CHUNKS_PER_PAGE;
        if (page >= size || chunk < 0) {
            throw new IndexOutOfBoundsException(chunk);
        }
        if (!owned[page]) {
            byte[] shared = pages[page];
            pages[page] = shared == ZERO_PAGE ? new byte[PAGE_SIZE] : shared.clone();
            owned[page] = true;
        }
        dirty[chunk] = 1;
        dirtyCount++;
        if (dirtyChunksInPage[page]++ == 0) {
            if (dirtyPageCount == dirtyPages.length) {
                dirtyPages = Arrays.copyOf(dirtyPages, dirtyPageCount * 2);
            }
            dirtyPages[dirtyPageCount++] = page;
        }
    }

    /** Makes {@code [address, address + length)} writable and dirty; the range must be in bounds. */
    private void touchRange(int address, int length) {
        if (length <= 0) {
            return;
        }
        int first = address >>> CHUNK_SHIFT;
        int last = (int) (((long) address + length - 1) >>> CHUNK_SHIFT);
        for (int c = first; c <= last; c++) {
            if (dirty[c] == 0) {
                touch(c);
            }
        }
    }

    // ------------------------------------------------------------------ size

    @Override
    public int pages() {
        return size;
    }

    @Override
    public int initialPages() {
        return initialPages;
    }

    @Override
    public int maximumPages() {
        return maximumPages;
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public int grow(int delta) {
        int old = size;
        if (delta == 0) {
            return old;
        }
        long wanted = (long) old + Integer.toUnsignedLong(delta);
        if (wanted > maximumPages) {
            budget.refused((wanted - old) * PAGE_SIZE, false);
            return -1;
        }
        int n = (int) (wanted - old);
        if (!budget.tryReserve((long) n * PAGE_SIZE)) {
            return -1;
        }
        int newSize = (int) wanted;
        if (newSize > pages.length) {
            int capacity = (int) Math.min(maximumPages, Math.max(newSize, (long) pages.length * 2));
            pages = Arrays.copyOf(pages, capacity);
            owned = Arrays.copyOf(owned, capacity);
            dirty = Arrays.copyOf(dirty, capacity * CHUNKS_PER_PAGE);
            dirtyChunksInPage = Arrays.copyOf(dirtyChunksInPage, capacity);
        }
        Arrays.fill(pages, old, newSize, ZERO_PAGE);
        size = newSize;
        return old;
    }

    // ------------------------------------------------------------------ initialisation and segments

    @Override
    public void initialize(Instance instance, DataSegment[] segments) {
        initialize(instance, segments, 0);
    }

    @Override
    public void initialize(Instance instance, DataSegment[] segments, int memoryIndex) {
        this.dataSegments = segments == null ? new DataSegment[0] : segments.clone();
        if (segments == null) {
            return;
        }
        // the offsets are constant expressions (possibly of imported globals): evaluate them each time, and
        // share the cached image only when they came out as when it was made
        long[] offsets = new long[segments.length];
        for (int i = 0; i < segments.length; i++) {
            offsets[i] = segments[i] instanceof ActiveDataSegment a && a.index() == memoryIndex
                    ? Integer.toUnsignedLong((int) ConstantEvaluators.computeConstantValue(instance, a.offsetInstructions())[0])
                    : -1;
        }
        DataImage.Slot slot = imageSlot != null && imageSlot.isFor(instance) && dirtyCount == 0 ? imageSlot : null;
        DataImage image = slot == null ? null : slot.get();
        if (image != null && image.matches(offsets, size)) {
            image.copyInto(pages);
            return;
        }
        for (int i = 0; i < segments.length; i++) {
            if (offsets[i] >= 0) {
                byte[] data = segments[i].data();
                checkBounds(offsets[i], data.length);
                write((int) offsets[i], data, 0, data.length);
            }
        }
        if (slot != null && image == null) {
            // this memory's written pages become the image every later instance starts from: share them
            slot.offer(new DataImage(offsets, size, Arrays.copyOf(pages, size)));
            Arrays.fill(owned, false);
            clearDirty();
        }
    }

    @Override
    public void initPassiveSegment(int segment, int destination, int offset, int length) {
        byte[] data = dataSegments[segment].data();
        if (offset < 0 || length < 0 || (long) offset + length > data.length) {
            throw new WasmRuntimeException("out of bounds memory access: data segment " + segment + " has "
                    + data.length + " bytes, not " + Integer.toUnsignedLong(offset) + " + " + Integer.toUnsignedLong(length));
        }
        checkBounds(Integer.toUnsignedLong(destination), length);
        write(destination, data, offset, length);
    }

    @Override
    public void drop(int segment) {
        dataSegments[segment] = PassiveDataSegment.EMPTY;
    }

    // ------------------------------------------------------------------ bounds

    private long sizeInBytes() {
        return (long) size * PAGE_SIZE;
    }

    private void checkBounds(long address, long length) {
        if (address < 0 || length < 0 || address + length > sizeInBytes()) {
            throw outOfBounds(address, length);
        }
    }

    private RuntimeException outOfBounds(long address, long length) {
        return new WasmRuntimeException("out of bounds memory access: address " + Integer.toUnsignedLong((int) address)
                + ", " + length + " bytes, memory size " + sizeInBytes());
    }

    // ------------------------------------------------------------------ scalar loads

    @Override
    public byte read(int address) {
        try {
            return pages[address >>> 16][address & 0xFFFF];
        } catch (RuntimeException e) {
            throw outOfBounds(address, 1);
        }
    }

    @Override
    public short readShort(int address) {
        int offset = address & 0xFFFF;
        if (offset <= PAGE_SIZE - 2) {
            try {
                return (short) SHORT.get(pages[address >>> 16], offset);
            } catch (RuntimeException e) {
                throw outOfBounds(address, 2);
            }
        }
        return (short) readSpanning(address, 2);
    }

    @Override
    public long readU16(int address) {
        return readShort(address) & 0xFFFFL;
    }

    @Override
    public int readInt(int address) {
        int offset = address & 0xFFFF;
        if (offset <= PAGE_SIZE - 4) {
            try {
                return (int) INT.get(pages[address >>> 16], offset);
            } catch (RuntimeException e) {
                throw outOfBounds(address, 4);
            }
        }
        return (int) readSpanning(address, 4);
    }

    @Override
    public long readLong(int address) {
        int offset = address & 0xFFFF;
        if (offset <= PAGE_SIZE - 8) {
            try {
                return (long) LONG.get(pages[address >>> 16], offset);
            } catch (RuntimeException e) {
                throw outOfBounds(address, 8);
            }
        }
        return readSpanning(address, 8);
    }

    @Override
    public long readF32(int address) {
        return readInt(address) & 0xFFFFFFFFL;
    }

    @Override
    public float readFloat(int address) {
        return Float.intBitsToFloat(readInt(address));
    }

    @Override
    public long readF64(int address) {
        return readLong(address);
    }

    @Override
    public double readDouble(int address) {
        return Double.longBitsToDouble(readLong(address));
    }

    /** A little-endian value of {@code length} bytes that crosses a page boundary. */
    private long readSpanning(int address, int length) {
        checkBounds(Integer.toUnsignedLong(address), length);
        long value = 0;
        for (int i = length - 1; i >= 0; i--) {
            int a = address + i;
            value = (value << 8) | (pages[a >>> 16][a & 0xFFFF] & 0xFF);
        }
        return value;
    }

    // ------------------------------------------------------------------ scalar stores

    @Override
    public void writeByte(int address, byte value) {
        try {
            if (dirty[address >>> CHUNK_SHIFT] == 0) {
                touch(address >>> CHUNK_SHIFT);
            }
            pages[address >>> 16][address & 0xFFFF] = value;
        } catch (RuntimeException e) {
            throw outOfBounds(address, 1);
        }
    }

    @Override
    public void writeShort(int address, short value) {
        int offset = address & 0xFFFF;
        if (offset <= PAGE_SIZE - 2) {
            try {
                if (dirty[address >>> CHUNK_SHIFT] == 0) {
                    touch(address >>> CHUNK_SHIFT);
                }
                SHORT.set(pages[address >>> 16], offset, value);
                return;
            } catch (RuntimeException e) {
                throw outOfBounds(address, 2);
            }
        }
        writeSpanning(address, value, 2);
    }

    @Override
    public void writeI32(int address, int value) {
        int offset = address & 0xFFFF;
        if (offset <= PAGE_SIZE - 4) {
            try {
                if (dirty[address >>> CHUNK_SHIFT] == 0) {
                    touch(address >>> CHUNK_SHIFT);
                }
                INT.set(pages[address >>> 16], offset, value);
                return;
            } catch (RuntimeException e) {
                throw outOfBounds(address, 4);
            }
        }
        writeSpanning(address, value, 4);
    }

    @Override
    public void writeLong(int address, long value) {
        int offset = address & 0xFFFF;
        if (offset <= PAGE_SIZE - 8) {
            try {
                if (dirty[address >>> CHUNK_SHIFT] == 0) {
                    touch(address >>> CHUNK_SHIFT);
                }
                LONG.set(pages[address >>> 16], offset, value);
                return;
            } catch (RuntimeException e) {
                throw outOfBounds(address, 8);
            }
        }
        writeSpanning(address, value, 8);
    }

    @Override
    public void writeF32(int address, float value) {
        writeI32(address, Float.floatToRawIntBits(value));
    }

    @Override
    public void writeF64(int address, double value) {
        writeLong(address, Double.doubleToRawLongBits(value));
    }

    private void writeSpanning(int address, long value, int length) {
        checkBounds(Integer.toUnsignedLong(address), length);
        touchRange(address, length);
        for (int i = 0; i < length; i++) {
            int a = address + i;
            pages[a >>> 16][a & 0xFFFF] = (byte) (value >>> (8 * i));
        }
    }

    // ------------------------------------------------------------------ bulk

    @Override
    public void write(int address, byte[] source, int offset, int length) {
        checkBounds(Integer.toUnsignedLong(address), length);
        touchRange(address, length);
        int done = 0;
        while (done < length) {
            int a = address + done;
            int inPage = a & 0xFFFF;
            int n = Math.min(length - done, PAGE_SIZE - inPage);
            System.arraycopy(source, offset + done, pages[a >>> 16], inPage, n);
            done += n;
        }
    }

    @Override
    public byte[] readBytes(int address, int length) {
        checkBounds(Integer.toUnsignedLong(address), length);
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            int a = address + done;
            int inPage = a & 0xFFFF;
            int n = Math.min(length - done, PAGE_SIZE - inPage);
            System.arraycopy(pages[a >>> 16], inPage, out, done, n);
            done += n;
        }
        return out;
    }

    @Override
    public void fill(byte value, int from, int to) {
        int length = to - from;
        checkBounds(Integer.toUnsignedLong(from), length);
        touchRange(from, length);
        int done = 0;
        while (done < length) {
            int a = from + done;
            int inPage = a & 0xFFFF;
            int n = Math.min(length - done, PAGE_SIZE - inPage);
            Arrays.fill(pages[a >>> 16], inPage, inPage + n, value);
            done += n;
        }
    }

    @Override
    public void copy(int destination, int source, int length) {
        checkBounds(Integer.toUnsignedLong(source), Integer.toUnsignedLong(length));
        checkBounds(Integer.toUnsignedLong(destination), Integer.toUnsignedLong(length));
        if (length == 0) {
            return;
        }
        if ((destination >>> 16) == (source >>> 16) && ((destination + length - 1) >>> 16) == (destination >>> 16)
                && ((source + length - 1) >>> 16) == (source >>> 16)) {
            // within one page (arraycopy handles the overlap like memmove)
            touchRange(destination, length);
            byte[] page = pages[destination >>> 16];
            System.arraycopy(page, source & 0xFFFF, page, destination & 0xFFFF, length);
            return;
        }
        write(destination, readBytes(source, length), 0, length);
    }

    @Override
    public void zero() {
        fill((byte) 0, 0, (int) Math.min(Integer.MAX_VALUE, sizeInBytes()));
    }

    // ------------------------------------------------------------------ atomics (unshared memory)

    @Override
    public Object lock(int address) {
        return this;
    }

    @Override
    public int waitOn(int address, int expected, long timeout) {
        throw new TrapException("expected shared memory");
    }

    @Override
    public int waitOn(int address, long expected, long timeout) {
        throw new TrapException("expected shared memory");
    }

    @Override
    public int notify(int address, int count) {
        checkBounds(Integer.toUnsignedLong(address), 4);
        return 0;
    }

    @Override
    public String toString() {
        return "TrackedMemory[" + size + " pages, max " + maximumPages + ", " + dirtyCount + " dirty chunks]";
    }
}
