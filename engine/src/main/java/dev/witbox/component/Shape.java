package dev.witbox.component;

/**
 * Facts about a value type that canon option validation needs, computed once per definition from the
 * already-computed shapes of the types it references (so no recursion over deep type chains).
 *
 * @param flat      number of flattened core values (CanonicalABI "Flattening"), saturated
 * @param pointers  contains a string or list, so lifting/lowering touches linear memory
 * @param borrows   transitively contains a borrow handle
 * @param resources transitively contains a handle to any resource
 * @param known     false if some referenced type could not be resolved statically
 */
record Shape(long flat, boolean pointers, boolean borrows, boolean resources, boolean known) {

    static final long SATURATED = 1L << 40;

    static final Shape SCALAR = new Shape(1, false, false, false, true);
    static final Shape POINTER_PAIR = new Shape(2, true, false, false, true);
    static final Shape EMPTY = new Shape(0, false, false, false, true);
    static final Shape UNKNOWN = new Shape(0, false, false, false, false);

    static long add(long a, long b) {
        return Math.min(SATURATED, a + b);
    }

    /** Shape of a product (record, tuple, parameter list). */
    Shape plus(Shape o) {
        return new Shape(add(flat, o.flat), pointers || o.pointers, borrows || o.borrows,
                resources || o.resources, known && o.known);
    }

    /** Shape of a sum's payload: the widest case. */
    Shape joinCase(Shape o) {
        return new Shape(Math.max(flat, o.flat), pointers || o.pointers, borrows || o.borrows,
                resources || o.resources, known && o.known);
    }

    Shape withFlat(long f) {
        return new Shape(Math.min(SATURATED, f), pointers, borrows, resources, known);
    }
}
