package dev.witbox.abi;

/**
 * A guest's linear memory, as the canonical ABI reads and writes it: little-endian, addressed by
 * unsigned 32-bit offsets held in a {@code long}.
 *
 * <p>Every method must check that the whole access lies inside the memory and throw a
 * {@link CanonicalAbiTrap} otherwise ({@link #checkAccess} does it overflow-safely), so that a
 * guest can never make the host touch anything outside its memory.
 */
public interface GuestMemory {

    /** The memory's current size in bytes. */
    long size();

    byte loadI8(long address);

    short loadI16(long address);

    int loadI32(long address);

    long loadI64(long address);

    default float loadF32(long address) {
        return Float.intBitsToFloat(loadI32(address));
    }

    default double loadF64(long address) {
        return Double.longBitsToDouble(loadI64(address));
    }

    void storeI8(long address, byte value);

    void storeI16(long address, short value);

    void storeI32(long address, int value);

    void storeI64(long address, long value);

    default void storeF32(long address, float value) {
        storeI32(address, Float.floatToRawIntBits(value));
    }

    default void storeF64(long address, double value) {
        storeI64(address, Double.doubleToRawLongBits(value));
    }

    /** Copies {@code length} bytes at {@code address} into {@code target[offset..]}. */
    void read(long address, byte[] target, int offset, int length);

    /**
     * A new array holding the {@code length} bytes at {@code address}. Memories that hand out a fresh
     * copy anyway override it, so that lifting a string or a byte list copies the bytes once.
     */
    default byte[] readBytes(long address, int length) {
        byte[] bytes = new byte[length];
        read(address, bytes, 0, length);
        return bytes;
    }

    /** Copies {@code source[offset..offset+length)} to {@code address}. */
    void write(long address, byte[] source, int offset, int length);

    /**
     * Traps unless {@code [address, address + length)} lies inside a memory of {@code size}
     * bytes. Written as {@code address > size - length} so that no sum can overflow, whatever
     * the address.
     */
    static void checkAccess(long address, long length, long size) {
        if (address < 0 || length < 0 || length > size || address > size - length) {
            throw new CanonicalAbiTrap("memory access of " + length + " bytes at "
                    + CanonicalAbiTrap.hex(address) + " is out of bounds of memory (" + size + " bytes)");
        }
    }
}
