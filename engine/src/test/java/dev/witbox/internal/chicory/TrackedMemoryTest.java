package dev.witbox.internal.chicory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import dev.witbox.api.WitboxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TrackedMemory} against a plain byte array: every store, load and bulk operation agrees with the
 * model, a reset brings back exactly the sealed contents at the cost of the chunks written, and the budget
 * sees every page.
 */
class TrackedMemoryTest {

    private static final int PAGE = Memory.PAGE_SIZE;
    private static final int CHUNK = 1 << TrackedMemory.CHUNK_SHIFT;

    private static TrackedMemory memory(int pages, int max, MemoryBudget budget) {
        return new TrackedMemory(pages, max, budget, null);
    }

    /** Random stores of every width (many across chunk and page edges), checked against a model, then reset. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 4711})
    void randomStoresMatchAModelAndResetRestoresTheSealedContents(long seed) {
        Random random = new Random(seed);
        TrackedMemory m = memory(3, 8, MemoryBudget.unlimited());
        byte[] model = new byte[3 * PAGE];
        // contents before the seal, as data segments and start functions would leave them
        for (int i = 0; i < 200; i++) {
            int at = random.nextInt(model.length - 8);
            byte[] data = new byte[1 + random.nextInt(8)];
            random.nextBytes(data);
            m.write(at, data, 0, data.length);
            System.arraycopy(data, 0, model, at, data.length);
        }
        m.seal();
        byte[] sealed = model.clone();
        for (int i = 0; i < 2000; i++) {
            int at = edgeBiased(random, model.length);
            switch (random.nextInt(6)) {
                case 0 -> {
                    byte v = (byte) random.nextInt();
                    m.writeByte(at, v);
                    model[at] = v;
                }
                case 1 -> {
                    at = Math.min(at, model.length - 2);
                    short v = (short) random.nextInt();
                    m.writeShort(at, v);
                    put(model, at, v, 2);
                }
                case 2 -> {
                    at = Math.min(at, model.length - 4);
                    int v = random.nextInt();
                    m.writeI32(at, v);
                    put(model, at, v, 4);
                }
                case 3 -> {
                    at = Math.min(at, model.length - 8);
                    long v = random.nextLong();
                    m.writeLong(at, v);
                    put(model, at, v, 8);
                }
                case 4 -> {
                    int length = Math.min(random.nextInt(3 * 4096), model.length - at);
                    byte v = (byte) random.nextInt();
                    m.fill(v, at, at + length);
                    Arrays.fill(model, at, at + length, v);
                }
                default -> {
                    int length = random.nextInt(2 * 4096);
                    int from = random.nextInt(model.length - length);
                    int to = random.nextInt(model.length - length);
                    m.copy(to, from, length);
                    System.arraycopy(model, from, model, to, length);
                }
            }
            if (i % 100 == 0) {
                int probe = Math.min(edgeBiased(random, model.length), model.length - 8);
                assertThat(m.readLong(probe)).isEqualTo(get(model, probe, 8));
                assertThat(m.readInt(probe)).isEqualTo((int) get(model, probe, 4));
                assertThat(m.readShort(probe)).isEqualTo((short) get(model, probe, 2));
            }
        }
        assertThat(m.readBytes(0, model.length)).isEqualTo(model);
        m.reset();
        assertThat(m.readBytes(0, sealed.length)).isEqualTo(sealed);
        assertThat(m.dirtyBytes()).isZero();
    }

    @Test
    void resetCostsTheChunksWrittenNotTheMemorySize() {
        TrackedMemory m = memory(256, 256, MemoryBudget.unlimited());
        m.seal();
        m.writeI32(10, 1);
        m.writeI32(100, 2);
        m.writeLong(200 * PAGE + 5000, 3);
        assertThat(m.dirtyBytes()).isEqualTo(2 * CHUNK);
        m.reset();
        assertThat(m.readI32(10)).isZero();
        assertThat(m.readLong(200 * PAGE + 5000)).isZero();
        assertThat(m.dirtyBytes()).isZero();
    }

    @Test
    void aWhollyDirtiedPageIsSharedAgainAndStillCopiedOnTheNextWrite() {
        TrackedMemory m = memory(2, 2, MemoryBudget.unlimited());
        m.writeI32(PAGE + 16, 77);
        m.seal();
        m.fill((byte) 0x55, PAGE, 2 * PAGE);
        m.writeI32(8, 1);
        m.reset();
        assertThat(m.readI32(PAGE + 16)).isEqualTo(77);
        assertThat(m.readBytes(PAGE + 20, PAGE - 20)).containsOnly(0);
        assertThat(m.readI32(8)).isZero();
        m.writeI32(PAGE + 16, 5);
        m.reset();
        assertThat(m.readI32(PAGE + 16)).isEqualTo(77);
    }

    @Test
    void aStoreEndingInTheNextChunkIsUndoneWhole() {
        TrackedMemory m = memory(1, 1, MemoryBudget.unlimited());
        m.seal();
        m.writeLong(CHUNK - 3, -1L);
        assertThat(m.dirtyBytes()).isEqualTo(CHUNK);
        m.reset();
        assertThat(m.readBytes(CHUNK - 6, 16)).containsOnly(0);
    }

    @Test
    void storesAcrossAPageBoundaryWork() {
        TrackedMemory m = memory(2, 2, MemoryBudget.unlimited());
        m.writeLong(PAGE - 3, 0x0102030405060708L);
        assertThat(m.readLong(PAGE - 3)).isEqualTo(0x0102030405060708L);
        assertThat(m.read(PAGE)).isEqualTo((byte) 0x05);
        m.writeI32(2 * PAGE - 4, 7);
        assertThatThrownBy(() -> m.writeI32(2 * PAGE - 2, 7)).isInstanceOf(WasmRuntimeException.class)
                .hasMessageContaining("out of bounds memory access");
        assertThatThrownBy(() -> m.readLong(2 * PAGE)).isInstanceOf(WasmRuntimeException.class);
        assertThatThrownBy(() -> m.writeByte(-1, (byte) 1)).isInstanceOf(WasmRuntimeException.class);
        assertThatThrownBy(() -> m.readBytes(PAGE, PAGE + 1)).isInstanceOf(WasmRuntimeException.class);
    }

    @Test
    void growChargesTheBudgetAndResetGivesGrownPagesBack() {
        List<String> events = new ArrayList<>();
        MemoryBudget budget = new MemoryBudget(4L * PAGE, new MemoryBudget.Listener() {
            @Override
            public void growRefused(long bytes, boolean byBudget) {
                events.add((byBudget ? "budget " : "maximum ") + bytes / PAGE);
            }
        });
        TrackedMemory m = memory(1, 6, budget);
        m.seal();
        assertThat(budget.used()).isEqualTo(PAGE);
        assertThat(m.grow(2)).isEqualTo(1);
        m.writeI32(2 * PAGE + 8, 9);
        assertThat(m.grow(2)).isEqualTo(-1);
        assertThat(m.grow(6)).isEqualTo(-1);
        assertThat(m.grow(-1)).isEqualTo(-1);
        assertThat(events).containsExactly("budget 2", "maximum 6", "maximum 4294967295");
        assertThat(m.pages()).isEqualTo(3);
        assertThat(budget.used()).isEqualTo(3L * PAGE);
        m.reset();
        assertThat(m.pages()).isEqualTo(1);
        assertThat(budget.used()).isEqualTo(PAGE);
        assertThat(m.grow(1)).isEqualTo(1);
        assertThat(m.readI32(PAGE + 8)).as("a page grown again starts zeroed").isZero();
        m.free();
        assertThat(budget.used()).isZero();
    }

    @Test
    void aMemoryTheBudgetCannotHoldIsRefusedWhenMade() {
        MemoryBudget budget = new MemoryBudget(2L * PAGE, MemoryBudget.Listener.NONE);
        memory(2, 2, budget);
        assertThatThrownBy(() -> memory(1, 1, budget)).isInstanceOf(WitboxException.class)
                .hasMessage("the memory budget of 131072 bytes is exhausted: 131072 bytes in use, and a new instance "
                        + "needs 65536 bytes of memory");
    }

    @Test
    void writesAfterTheSealNeverReachTheSharedSnapshotPages() {
        TrackedMemory a = memory(1, 1, MemoryBudget.unlimited());
        a.writeI32(0, 1);
        a.seal();
        a.writeI32(0, 2);
        a.reset();
        assertThat(a.readI32(0)).isEqualTo(1);
        a.writeI32(0, 3);
        a.writeI32(4, 4);
        a.reset();
        assertThat(a.readI32(0)).isEqualTo(1);
        assertThat(a.readI32(4)).isZero();
    }

    @Test
    void pagesWrittenBeforeTheSealAreSharedByMemoriesThatWroteTheSameBytes() {
        DataImage.Slot slot = new DataImage.Slot(null);
        TrackedMemory a = new TrackedMemory(2, 2, MemoryBudget.unlimited(), slot);
        TrackedMemory b = new TrackedMemory(2, 2, MemoryBudget.unlimited(), slot);
        TrackedMemory other = new TrackedMemory(2, 2, MemoryBudget.unlimited(), slot);
        a.writeI32(PAGE + 8, 42);
        b.writeI32(PAGE + 8, 42);
        other.writeI32(PAGE + 8, 7);
        a.seal();
        b.seal();
        other.seal();
        assertThat(b.page(1)).isSameAs(a.page(1));
        assertThat(other.page(1)).isNotSameAs(a.page(1));
        // the shared page is copied on write: a store into one memory is seen by no other
        a.writeI32(PAGE + 8, 1);
        assertThat(b.readInt(PAGE + 8)).isEqualTo(42);
        assertThat(other.readInt(PAGE + 8)).isEqualTo(7);
        a.reset();
        assertThat(a.readInt(PAGE + 8)).isEqualTo(42);
        assertThat(b.readInt(PAGE + 8)).isEqualTo(42);
    }

    private static int edgeBiased(Random random, int size) {
        if (random.nextBoolean()) {
            int edge = CHUNK * (1 + random.nextInt(size / CHUNK - 1));
            return Math.max(0, Math.min(size - 1, edge - 8 + random.nextInt(16)));
        }
        return random.nextInt(size);
    }

    private static void put(byte[] model, int at, long value, int width) {
        for (int i = 0; i < width; i++) {
            model[at + i] = (byte) (value >>> (8 * i));
        }
    }

    private static long get(byte[] model, int at, int width) {
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            v = (v << 8) | (model[at + i] & 0xFF);
        }
        return v;
    }
}
