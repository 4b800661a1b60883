package dev.witbox.internal.chicory;

import com.dylibso.chicory.runtime.Memory;
import dev.witbox.abi.GuestMemory;

/**
 * A core linear memory, and the canonical ABI's view of it. Every access is bounds-checked here against the
 * memory's current size before Chicory sees it, so a guest-supplied address can only ever produce a
 * canonical ABI trap.
 */
public final class CoreMemory implements CoreExtern, GuestMemory {

    final Memory memory;

    CoreMemory(Memory memory) {
        this.memory = memory;
    }

    @Override
    public long size() {
        return (long) memory.pages() * Memory.PAGE_SIZE;
    }

    private int at(long address, int length) {
        GuestMemory.checkAccess(address, length, size());
        return (int) address;
    }

    @Override
    public byte loadI8(long address) {
        return memory.read(at(address, 1));
    }

    @Override
    public short loadI16(long address) {
        return memory.readShort(at(address, 2));
    }

    @Override
    public int loadI32(long address) {
        return memory.readInt(at(address, 4));
    }

    @Override
    public long loadI64(long address) {
        return memory.readLong(at(address, 8));
    }

    @Override
    public void storeI8(long address, byte value) {
        memory.writeByte(at(address, 1), value);
    }

    @Override
    public void storeI16(long address, short value) {
        memory.writeShort(at(address, 2), value);
    }

    @Override
    public void storeI32(long address, int value) {
        memory.writeI32(at(address, 4), value);
    }

    @Override
    public void storeI64(long address, long value) {
        memory.writeLong(at(address, 8), value);
    }

    @Override
    public void read(long address, byte[] target, int offset, int length) {
        if (length == 0) {
            GuestMemory.checkAccess(address, 0, size());
            return;
        }
        byte[] bytes = memory.readBytes(at(address, length), length);
        System.arraycopy(bytes, 0, target, offset, length);
    }

    @Override
    public byte[] readBytes(long address, int length) {
        if (length == 0) {
            GuestMemory.checkAccess(address, 0, size());
            return new byte[0];
        }
        return memory.readBytes(at(address, length), length); // already a fresh copy
    }

    @Override
    public void write(long address, byte[] source, int offset, int length) {
        if (length == 0) {
            GuestMemory.checkAccess(address, 0, size());
            return;
        }
        memory.write(at(address, length), source, offset, length);
    }
}
