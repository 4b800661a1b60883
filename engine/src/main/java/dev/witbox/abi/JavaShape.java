package dev.witbox.abi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * How generated typed bindings hold a WIT value in Java, so that the canonical ABI can lower and lift
 * the Java value itself instead of a {@code WitValue} tree built for every call. The generated glue
 * describes each parameter and result once, at bind time ({@link JavaFunction#of}); layout,
 * flattening, string transcoding and bounds checks stay the ABI's.
 *
 * <ul>
 *   <li>{@link #PLAIN}: a scalar as the boxed Java type of generated bindings ({@code bool} Boolean,
 *       {@code s8} Byte, {@code u8} and {@code s16} Short, {@code u16}, {@code s32} and {@code char}
 *       (its code point) Integer, {@code u32}, {@code s64} and {@code u64} (its bits) Long, {@code f32}
 *       Float, {@code f64} Double), a {@code string} as a String.
 *   <li>{@link #list}: a {@code list<T>} as a {@link java.util.List} (lifted: unmodifiable).
 *   <li>{@link #record}: a {@code record} as a Java object read through one getter per field and
 *       made through one constructor, both plain lambdas or method references (no reflection).
 * </ul>
 */
public abstract class JavaShape {

    /** A scalar or a string, as the boxed Java type generated bindings use for it. */
    public static final JavaShape PLAIN = new Plain();

    private JavaShape() {}

    /** A {@code list<T>} as a {@code java.util.List} whose elements have the shape {@code element}. */
    public static JavaShape list(JavaShape element) {
        return new ListShape(Objects.requireNonNull(element, "element"));
    }

    /**
     * A {@code record}, made by {@code constructor} from its field values in WIT order; add the fields
     * with {@link RecordShape#field}, in WIT order, before the shape is used.
     */
    public static <R> RecordShape<R> record(Function<Object[], R> constructor) {
        return new RecordShape<>(Objects.requireNonNull(constructor, "constructor"));
    }

    static final class Plain extends JavaShape {
        @Override
        public String toString() {
            return "plain";
        }
    }

    static final class ListShape extends JavaShape {
        final JavaShape element;

        ListShape(JavaShape element) {
            this.element = element;
        }

        @Override
        public String toString() {
            return "list of " + element;
        }
    }

    /** A record's shape: its constructor and, per field, a getter and the field's shape. */
    public static final class RecordShape<R> extends JavaShape {
        final Function<Object[], R> constructor;
        final List<Function<Object, Object>> getters = new ArrayList<>();
        final List<JavaShape> fields = new ArrayList<>();

        RecordShape(Function<Object[], R> constructor) {
            this.constructor = constructor;
        }

        /** Adds the next field (in WIT order): read by {@code getter}, of shape {@code shape}; returns this. */
        @SuppressWarnings("unchecked")
        public RecordShape<R> field(Function<? super R, ?> getter, JavaShape shape) {
            getters.add((Function<Object, Object>) Objects.requireNonNull(getter, "getter"));
            fields.add(Objects.requireNonNull(shape, "shape"));
            return this;
        }

        @Override
        public String toString() {
            return "record of " + fields;
        }
    }
}
