package dev.witbox.internal;

/**
 * The first 64 bytes of an object whose subclass declares fields that every call writes: nothing but padding
 * between the object's header and those fields, so that no other object shares their cache line from below.
 * The subclass that declares the hot fields is followed by one that declares {@code long} padding of its own
 * (the JVM lays a superclass's fields out before a subclass's), which keeps other objects off the line from above.
 *
 * <p>Why: the objects of two pooled instances are allocated apart, but a garbage collector copies them in the
 * order it finds them (both instances hang off one array of the pool), and may put one instance's object right
 * next to the other's. Two threads then each calling their own instance write the same cache line, which moves
 * between the cores on every call (false sharing): a layout-dependent slowdown that a JDK update or a different
 * run can bring or take away (see benchmarks/README.md, "JDK 25: typed add from two threads").
 * {@code @Contended} would do this, but only for the JDK's own classes unless the application passes
 * {@code -XX:-RestrictContended}.
 */
public abstract class CacheLinePadding {

    // the int first: where the header is 12 bytes it fills the 4 bytes after it, which a subclass's int or
    // boolean would otherwise take, right next to the object before this one
    @SuppressWarnings("unused")
    private int gap;
    @SuppressWarnings("unused")
    private long pad0, pad1, pad2, pad3, pad4, pad5, pad6, pad7;

    protected CacheLinePadding() {}
}
