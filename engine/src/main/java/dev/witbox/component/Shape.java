package dev.witbox.component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Facts about a value type that validation needs, computed once per definition from the already-computed
 * shapes of the types it references (so no recursion over deep type chains).
 *
 * @param flatTypes the flattened core types (CanonicalABI "Flattening"), kept only up to {@link #FLAT_CAP}
 *                  entries because beyond that every use spills to memory anyway
 * @param flat      the exact number of flattened core values, saturated
 * @param pointers  contains a string or list, so lifting/lowering touches linear memory
 * @param borrows   transitively contains a borrow handle
 * @param resources transitively contains a handle to any resource
 * @param known     false if some referenced type could not be resolved statically
 * @param size      {@code elem_size(t, 'i64')} (CanonicalABI "Element Size"), saturated
 * @param align     {@code alignment(t, 'i64')}
 */
record Shape(List<CoreValType> flatTypes, long flat, boolean pointers, boolean borrows, boolean resources,
             boolean known, long size, long align) {

    static final long SATURATED = 1L << 40;
    /** Validation bound on {@code elem_size} of every defined value type (Binary.md, type notes). */
    static final long MAX_ELEM_SIZE = 1L << 28;
    /** One more than MAX_FLAT_PARAMS: enough to tell "fits in registers" from "spills". */
    static final int FLAT_CAP = 17;

    private static final List<CoreValType> I32 = List.of(CoreValType.I32);

    static final Shape EMPTY = new Shape(List.of(), 0, false, false, false, true, 0, 1);
    static final Shape UNKNOWN = new Shape(List.of(), 0, false, false, false, false, 0, 1);
    static final Shape HANDLE = new Shape(I32, 1, false, false, true, true, 4, 4);
    static final Shape BORROW = new Shape(I32, 1, false, true, true, true, 4, 4);
    /** string and list: pointer and length (32-bit in core code, 64-bit for the size bound). */
    static final Shape POINTER_PAIR = new Shape(List.of(CoreValType.I32, CoreValType.I32), 2, true, false, false,
            true, 16, 8);

    Shape {
        flatTypes = flatTypes.size() > FLAT_CAP ? List.copyOf(flatTypes.subList(0, FLAT_CAP)) : List.copyOf(flatTypes);
    }

    static Shape scalar(CoreValType flatType, long size) {
        return new Shape(List.of(flatType), 1, false, false, false, true, size, size);
    }

    static long add(long a, long b) {
        return Math.min(SATURATED, a + b);
    }

    static long alignTo(long n, long align) {
        return Math.min(SATURATED, (n + align - 1) / align * align);
    }

    /** Saturating multiplication of non-negative values. */
    static long mul(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > SATURATED / b ? SATURATED : Math.min(SATURATED, a * b);
    }

    private static List<CoreValType> concat(List<CoreValType> a, List<CoreValType> b) {
        List<CoreValType> out = new ArrayList<>(a);
        for (CoreValType t : b) {
            if (out.size() >= FLAT_CAP) {
                break;
            }
            out.add(t);
        }
        return out;
    }

    /** Appends a field, as in records and tuples (and parameter lists). */
    Shape plus(Shape o) {
        long offset = add(alignTo(size, o.align), o.size);
        return new Shape(concat(flatTypes, o.flatTypes), add(flat, o.flat), pointers || o.pointers,
                borrows || o.borrows, resources || o.resources, known && o.known, offset, Math.max(align, o.align));
    }

    /** Combines two cases of a sum: per-position join of flat types, the widest payload. */
    Shape joinCase(Shape o) {
        List<CoreValType> joined = new ArrayList<>();
        int n = Math.max(flatTypes.size(), o.flatTypes.size());
        for (int i = 0; i < n; i++) {
            CoreValType a = i < flatTypes.size() ? flatTypes.get(i) : null;
            CoreValType b = i < o.flatTypes.size() ? o.flatTypes.get(i) : null;
            joined.add(a == null ? b : b == null ? a : join(a, b));
        }
        return new Shape(joined, Math.max(flat, o.flat), pointers || o.pointers, borrows || o.borrows,
                resources || o.resources, known && o.known, Math.max(size, o.size), Math.max(align, o.align));
    }

    /** CanonicalABI {@code join}: equal types stay, i32/f32 become i32, anything else i64. */
    private static CoreValType join(CoreValType a, CoreValType b) {
        if (a == b) {
            return a;
        }
        if ((a == CoreValType.I32 && b == CoreValType.F32) || (a == CoreValType.F32 && b == CoreValType.I32)) {
            return CoreValType.I32;
        }
        return CoreValType.I64;
    }

    /** Closes a record or tuple: its size is rounded up to its alignment. */
    Shape closed() {
        return new Shape(flatTypes, flat, pointers, borrows, resources, known, alignTo(size, align), align);
    }

    /** A variant with {@code cases} cases whose joined payload is this shape. */
    Shape asVariantPayload(long cases) {
        long disc = cases <= 256 ? 1 : cases <= 65536 ? 2 : 4;
        long a = Math.max(disc, align);
        long s = alignTo(add(alignTo(disc, align), size), a);
        return new Shape(concat(I32, flatTypes), add(flat, 1), pointers, borrows, resources, known, s, a);
    }

    /** A list of this element: pointer and length, whatever the element. */
    Shape asListElement() {
        return new Shape(POINTER_PAIR.flatTypes, 2, true, borrows, resources, known, 16, 8);
    }

    Shape repeated(long n) {
        List<CoreValType> types = new ArrayList<>();
        for (long i = 0; i < n && types.size() < FLAT_CAP && !flatTypes.isEmpty(); i++) {
            types = concat(types, flatTypes);
        }
        return new Shape(types, mul(flat, n), pointers, borrows, resources, known, mul(size, n), align);
    }

    /** Flat types when the count is small enough to be exact. */
    List<CoreValType> exactFlatTypes() {
        return flat <= FLAT_CAP ? Collections.unmodifiableList(flatTypes) : null;
    }
}
