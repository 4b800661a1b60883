package dev.witbox.abi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** A {@link GuestMemory} over a plain byte array, for tests and for hosts that own the bytes. */
public final class ByteArrayMemory implements GuestMemory {

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] bytes;

    public ByteArrayMemory(int size) {
        this(new byte[size]);
    }

    /** A memory over {@code bytes} itself (not a copy). */
    public ByteArrayMemory(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The backing array itself. */
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    private int at(long address, int length) {
        GuestMemory.checkAccess(address, length, bytes.length);
        return (int) address;
    }

    @Override
    public byte loadI8(long address) {
        return bytes[at(address, 1)];
    }

    @Override
    public short loadI16(long address) {
        return (short) I16.get(bytes, at(address, 2));
    }

    @Override
    public int loadI32(long address) {
        return (int) I32.get(bytes, at(address, 4));
    }

    @Override
    public long loadI64(long address) {
        return (long) I64.get(bytes, at(address, 8));
    }

    @Override
    public void storeI8(long address, byte value) {
        bytes[at(address, 1)] = value;
    }

    @Override
    public void storeI16(long address, short value) {
        I16.set(bytes, at(address, 2), value);
    }

    @Override
    public void storeI32(long address, int value) {
        I32.set(bytes, at(address, 4), value);
    }

    @Override
    public void storeI64(long address, long value) {
        I64.set(bytes, at(address, 8), value);
    }

    @Override
    public void read(long address, byte[] target, int offset, int length) {
        System.arraycopy(bytes, at(address, length), target, offset, length);
    }

    @Override
    public void write(long address, byte[] source, int offset, int length) {
        System.arraycopy(source, offset, bytes, at(address, length), length);
    }
}
