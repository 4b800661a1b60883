package dev.witbox.abi;

import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;

/**
 * Lifts and lowers the values of one value type, in memory and as flat core values. A plan builds
 * a tree of codecs once from the type, so a call does no type dispatch beyond virtual calls down
 * that tree; layout (size, alignment, flattening) is computed at build time.
 *
 * <p>Lowering a value that does not fit the type is the host's mistake, not the guest's, and is
 * reported as a plain {@link WitboxException}; everything a guest can get wrong is a
 * {@link CanonicalAbiTrap}.
 */
abstract class Codec {

    final String typeName;
    final int size;
    final int alignment;
    /** The number of flat core values. */
    final int flatCount;

    Codec(ValueType type) {
        this.typeName = TypeNames.of(type);
        this.size = Layout.size(type);
        this.alignment = Layout.alignment(type);
        this.flatCount = Layout.flatten(type).size();
    }

    /** {@code load}: reads a value at {@code address}, which the caller has checked is aligned and in bounds. */
    abstract WitValue load(CallContext cx, long address);

    /** {@code store}: writes {@code value} at {@code address}, which the caller has checked. */
    abstract void store(CallContext cx, WitValue value, long address);

    /** {@code lift_flat}: reads a value from {@link #flatCount} flat values. */
    abstract WitValue liftFlat(CallContext cx, Flat in);

    /** {@code lower_flat}: writes exactly {@link #flatCount} flat values. */
    abstract void lowerFlat(CallContext cx, WitValue value, Flat out);

    final WitboxException mismatch(WitValue value) {
        return new WitboxException("cannot pass " + describe(value) + " as " + typeName);
    }

    static String describe(WitValue value) {
        return value == null ? "no value" : "a " + value.getClass().getSimpleName();
    }
}
