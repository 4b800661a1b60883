package dev.witbox.abi;

import dev.witbox.api.value.WitValue;

/**
 * A codec of exactly one flat value that needs no call context to lift or lower: bool, the
 * integers, the floats and char. Calls whose parameters and result are all such values take a
 * fast path ({@link LiftedFunction}) with no {@link CallContext}, no {@link Flat} cursors and no
 * borrow scope, which is what lets the JIT make a scalar call allocation-free.
 */
abstract class ScalarCodec extends Codec {

    ScalarCodec(ValueType type) {
        super(type);
    }

    /** {@code lift_flat} of the one flat value. */
    abstract WitValue liftScalar(long flat);

    /** {@code lower_flat} to the one flat value. */
    abstract long lowerScalar(WitValue value);

    /**
     * {@code lift_flat} of the one flat value to the boxed Java primitive generated bindings use for
     * this type (see {@link JavaShape#PLAIN}): the same rules as {@link #liftScalar}, without the
     * {@code WitValue}.
     */
    abstract Object liftJava(long flat);

    /** {@code lower_flat} of the boxed Java primitive generated bindings use for this type. */
    abstract long lowerJava(Object value);

    /** The flat value of the scalar stored at {@code address}: its bytes, sign-extended. */
    final long loadFlat(CallContext cx, long address) {
        return switch (size) {
            case 1 -> cx.memory.loadI8(address);
            case 2 -> cx.memory.loadI16(address);
            case 4 -> cx.memory.loadI32(address);
            default -> cx.memory.loadI64(address);
        };
    }

    /** Stores the flat value {@code flat} at {@code address}, in the type's size. */
    final void storeFlat(CallContext cx, long flat, long address) {
        switch (size) {
            case 1 -> cx.memory.storeI8(address, (byte) flat);
            case 2 -> cx.memory.storeI16(address, (short) flat);
            case 4 -> cx.memory.storeI32(address, (int) flat);
            default -> cx.memory.storeI64(address, flat);
        }
    }

    @Override
    final WitValue liftFlat(CallContext cx, Flat in) {
        return liftScalar(in.next());
    }

    @Override
    final void lowerFlat(CallContext cx, WitValue value, Flat out) {
        out.put(lowerScalar(value));
    }
}
