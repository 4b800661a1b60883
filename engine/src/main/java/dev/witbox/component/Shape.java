package dev.witbox.component;

/**
 * Facts about a value type that validation needs, computed once per definition from the already-computed
 * shapes of the types it references (so no recursion over deep type chains).
 *
 * @param flat      number of flattened core values (CanonicalABI "Flattening"), saturated
 * @param pointers  contains a string or list, so lifting/lowering touches linear memory
 * @param borrows   transitively contains a borrow handle
 * @param resources transitively contains a handle to any resource
 * @param known     false if some referenced type could not be resolved statically
 * @param size      {@code elem_size(t, 'i64')} (CanonicalABI "Element Size"), saturated
 * @param align     {@code alignment(t, 'i64')}
 */
record Shape(long flat, boolean pointers, boolean borrows, boolean resources, boolean known, long size, long align) {

    static final long SATURATED = 1L << 40;
    /** Validation bound on {@code elem_size} of every defined value type (Binary.md, type notes). */
    static final long MAX_ELEM_SIZE = 1L << 28;

    static final Shape EMPTY = new Shape(0, false, false, false, true, 0, 1);
    static final Shape UNKNOWN = new Shape(0, false, false, false, false, 0, 1);
    static final Shape HANDLE = new Shape(1, false, false, true, true, 4, 4);
    /** string and list: pointer and length, with 64-bit pointers for the size bound. */
    static final Shape POINTER_PAIR = new Shape(2, true, false, false, true, 16, 8);

    static Shape scalar(long size) {
        return new Shape(1, false, false, false, true, size, size);
    }

    static long add(long a, long b) {
        return Math.min(SATURATED, a + b);
    }

    static long alignTo(long n, long align) {
        return Math.min(SATURATED, (n + align - 1) / align * align);
    }

    /** Appends a field, as in records and tuples (and parameter lists, for flat counts). */
    Shape plus(Shape o) {
        long offset = add(alignTo(size, o.align), o.size);
        return new Shape(add(flat, o.flat), pointers || o.pointers, borrows || o.borrows,
                resources || o.resources, known && o.known, offset, Math.max(align, o.align));
    }

    /** Combines two cases of a sum: the widest payload. */
    Shape joinCase(Shape o) {
        return new Shape(Math.max(flat, o.flat), pointers || o.pointers, borrows || o.borrows,
                resources || o.resources, known && o.known, Math.max(size, o.size), Math.max(align, o.align));
    }

    /** Closes a record or tuple: its size is rounded up to its alignment. */
    Shape closed() {
        return new Shape(flat, pointers, borrows, resources, known, alignTo(size, align), align);
    }

    /** A variant with {@code cases} cases whose widest payload is this shape. */
    Shape asVariantPayload(long cases) {
        long disc = cases <= 256 ? 1 : cases <= 65536 ? 2 : 4;
        long a = Math.max(disc, align);
        long s = alignTo(add(alignTo(disc, align), size), a);
        return new Shape(add(flat, 1), pointers, borrows, resources, known, s, a);
    }

    /** A list of this element: pointer and length, whatever the element. */
    Shape asListElement() {
        return new Shape(2, true, borrows, resources, known, 16, 8);
    }

    Shape repeated(long n) {
        return new Shape(mul(flat, n), pointers, borrows, resources, known, mul(size, n), align);
    }

    /** Saturating multiplication of non-negative values. */
    static long mul(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > SATURATED / b ? SATURATED : Math.min(SATURATED, a * b);
    }
}
