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

    @Override
    final WitValue liftFlat(CallContext cx, Flat in) {
        return liftScalar(in.next());
    }

    @Override
    final void lowerFlat(CallContext cx, WitValue value, Flat out) {
        out.put(lowerScalar(value));
    }
}
