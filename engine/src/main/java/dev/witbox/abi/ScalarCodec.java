package dev.witbox.abi;

import dev.witbox.api.value.WitValue;

/**
 * A codec of exactly one flat value that needs no call context to lift or lower: bool, the
 * integers, the floats and char. Calls whose parameters and result are all such values take a
 * fast path ({@link LiftedFunction}) with no {@link CallContext}, no {@link Flat} cursors and no
 * borrow scope, which is what lets the JIT make a scalar call allocation-free.
 */
abstract class ScalarCodec extends Codec {

    /** Which scalar: the primitive conversions below switch on it, so they inline whatever the type. */
    private final ValueType.Scalar kind;

    ScalarCodec(ValueType.Scalar type) {
        super(type);
        this.kind = type;
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

    /**
     * {@code lower_flat} of the Java primitive generated bindings use for this type, widened to a long (see
     * {@link PrimitiveCall}): the same range, NaN and char rules as {@link #lowerJava}, without boxing. A
     * value out of range is an exception naming the type (not a trap: the caller's mistake).
     */
    final long lowerPrimitive(long value) {
        return switch (kind) {
            case BOOL -> value != 0 ? 1 : 0;
            case S8 -> checked(value, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case U8 -> checked(value, 0, 0xFF);
            case S16 -> checked(value, Short.MIN_VALUE, Short.MAX_VALUE);
            case U16 -> checked(value, 0, 0xFFFF);
            case S32 -> checked(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case S64, U64 -> value; // a long holds exactly the WIT type's values (u64: its bits)
            case U32 -> (int) checked(value, 0, 0xFFFF_FFFFL); // an i32 is the int's value in a long
            case F32 -> Float.isNaN(Float.intBitsToFloat((int) value)) ? ScalarCodecs.CANONICAL_F32_NAN : (int) value;
            case F64 -> Double.isNaN(Double.longBitsToDouble(value)) ? ScalarCodecs.CANONICAL_F64_NAN : value;
            case CHAR -> lowerJava((int) checked(value, 0, 0x10FFFF)); // cold enough: chars box once
            case STRING -> throw new IllegalStateException("string is no scalar");
        };
    }

    /**
     * {@code lift_flat} of the one flat value to the Java primitive generated bindings use for this type,
     * widened to a long (see {@link PrimitiveCall}): the same rules as {@link #liftJava}, without boxing.
     */
    final long liftPrimitive(long flat) {
        return switch (kind) {
            case BOOL -> (int) flat != 0 ? 1 : 0;
            case S8 -> (byte) flat;
            case U8 -> flat & 0xFF;
            case S16 -> (short) flat;
            case U16 -> flat & 0xFFFF;
            case S32 -> (int) flat;
            case U32 -> flat & 0xFFFF_FFFFL;
            case S64, U64 -> flat;
            case F32 -> Float.isNaN(Float.intBitsToFloat((int) flat)) ? ScalarCodecs.CANONICAL_F32_NAN : (int) flat;
            case F64 -> Double.isNaN(Double.longBitsToDouble(flat)) ? ScalarCodecs.CANONICAL_F64_NAN : flat;
            case CHAR -> (Integer) liftJava(flat); // traps on a value that is no Unicode scalar value
            case STRING -> throw new IllegalStateException("string is no scalar");
        };
    }

    private long checked(long value, long min, long max) {
        if (value < min || value > max) {
            throw ScalarCodecs.outOfRange(this, Long.toString(value));
        }
        return value;
    }

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
