package dev.witbox.abi;

/**
 * A cursor over flat core values ({@code long}s in Chicory's convention), read while lifting and
 * written while lowering. One per call; the plan has already checked the array's length.
 */
final class Flat {

    long[] values;
    int pos;

    Flat(long[] values) {
        this.values = values;
    }

    /** This cursor at the start of {@code values}: a lifted function keeps its own, reused call after call. */
    Flat reset(long[] values) {
        this.values = values;
        this.pos = 0;
        return this;
    }

    long next() {
        return values[pos++];
    }

    /** The next value as an unsigned 32-bit integer (pointers, lengths, handle indices). */
    long nextU32() {
        return values[pos++] & 0xFFFF_FFFFL;
    }

    void put(long value) {
        values[pos++] = value;
    }
}
