package dev.witbox.abi;

import static dev.witbox.abi.CanonicalAbiTrap.hex;

import dev.witbox.api.value.WitValue;
import java.util.Arrays;
import java.util.List;

/**
 * {@code list<T>}: a pointer and an element count, the elements in memory one after another. Also
 * {@code map<K, V>}, which the ABI passes as {@code list<tuple<K, V>>}.
 *
 * <p>A lifted list's byte length is checked against {@link Layout#MAX_LIST_BYTE_LENGTH} and the
 * memory's bounds before the host allocates anything for it, so a lying length cannot make the
 * host allocate more than the guest's memory holds.
 */
class ListCodec extends Codec {

    final Codec element;

    /** {@code type} is a {@link ValueType.ListOf} or a {@link ValueType.MapOf} (whose elements are its entry tuples). */
    ListCodec(ValueType type, Codec element) {
        super(type);
        this.element = element;
    }

    @Override
    final WitValue load(CallContext cx, long address) {
        long ptr = cx.memory.loadI32(address) & 0xFFFF_FFFFL;
        long length = cx.memory.loadI32(address + 4) & 0xFFFF_FFFFL;
        return liftRange(cx, ptr, length);
    }

    @Override
    final WitValue liftFlat(CallContext cx, Flat in) {
        long ptr = in.nextU32();
        return liftRange(cx, ptr, in.nextU32());
    }

    @Override
    final void store(CallContext cx, WitValue value, long address) {
        long ptr = storeRange(cx, value);
        cx.memory.storeI32(address, (int) ptr);
        cx.memory.storeI32(address + 4, (int) cx.lastLength);
    }

    @Override
    final void lowerFlat(CallContext cx, WitValue value, Flat out) {
        long ptr = storeRange(cx, value);
        out.put((int) ptr);
        out.put((int) cx.lastLength);
    }

    /**
     * Roughly what the host spends on one lifted value beyond its bytes in guest memory: a reference and a small
     * object. The call's budget of lifted bytes is charged for the values of each element too (the element and each
     * of its flat components): lists may alias one another, so a guest's memory of 64 KiB could otherwise describe,
     * within a 1 GiB budget of guest bytes, tens of millions of small values, seconds of host time and several times
     * the budget in heap (LiftFuzzTest's regression inputs: a map of maps all pointing at the same entries).
     */
    static final int HOST_BYTES_PER_VALUE = 32;

    /** What one element costs the host beyond its bytes; 0 where the elements are lifted in bulk (no objects). */
    long hostBytesPerElement() {
        return hostBytesPerElement(element.flatCount);
    }

    /** What one element of {@code flatCount} flat components costs the host: its own value and each component's. */
    static long hostBytesPerElement(int flatCount) {
        return (long) HOST_BYTES_PER_VALUE * (1 + flatCount);
    }

    /** {@code load_list_from_range}: the checks, then the elements. */
    private WitValue liftRange(CallContext cx, long ptr, long length) {
        checkRange(cx, typeName, element.size, element.alignment, ptr, length, hostBytesPerElement());
        return liftElements(cx, ptr, (int) length);
    }

    /**
     * The checks of {@code load_list_from_range} before any element is read: the byte length, the
     * alignment, the memory's bounds, and the call's budget of lifted bytes, charged for the list's bytes and
     * {@code hostBytesPerElement} per element.
     */
    static void checkRange(CallContext cx, String typeName, int elementSize, int elementAlignment, long ptr,
            long length, long hostBytesPerElement) {
        long byteLength = length * elementSize;
        if (byteLength > Layout.MAX_LIST_BYTE_LENGTH) {
            throw new CanonicalAbiTrap(typeName + " at " + hex(ptr) + " with " + length + " elements is "
                    + byteLength + " bytes, more than the maximum of " + Layout.MAX_LIST_BYTE_LENGTH);
        }
        cx.checkAligned(typeName, ptr, elementAlignment);
        cx.checkInBounds(typeName, ptr, byteLength);
        cx.charge(typeName + " with " + length + " elements", ptr, byteLength + length * hostBytesPerElement);
    }

    WitValue liftElements(CallContext cx, long ptr, int length) {
        WitValue[] out = new WitValue[length];
        int step = element.size;
        for (int i = 0; i < length; i++) {
            out[i] = element.load(cx, ptr + (long) i * step);
        }
        return new WitValue.ListOf(Arrays.asList(out));
    }

    /** {@code store_list_into_range}: allocates exactly the list's bytes, then stores the elements. */
    long storeRange(CallContext cx, WitValue value) {
        if (!(value instanceof WitValue.ListOf list)) {
            throw mismatch(value);
        }
        List<WitValue> elements = list.elements();
        int length = elements.size();
        long ptr = cx.allocate(element.alignment, (long) length * element.size, typeName);
        int step = element.size;
        for (int i = 0; i < length; i++) {
            element.store(cx, elements.get(i), ptr + (long) i * step);
        }
        cx.lastLength = length;
        return ptr;
    }
}
