package dev.witbox.abi;

import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * Lifts and lowers the Java values of typed bindings (see {@link JavaShape}) of one value type, as
 * {@link Codec} does for {@code WitValue}s: built once per binding from the type and the shape, so a
 * call walks the Java value directly, with no {@code WitValue} in between. The rules of each type are
 * not repeated here: scalars go through their {@link ScalarCodec}, strings through {@link Strings},
 * lists through {@link ListCodec#checkRange}, record layouts through {@link Layout}.
 *
 * <p>{@link #toWit} and {@link #fromWit} convert to and from {@code WitValue}s, for a call that has
 * to go through an {@code ExportInvoker} that only takes those (one the host wrote itself).
 */
abstract class JavaCodec {

    final String typeName;
    final int size;
    final int alignment;

    JavaCodec(ValueType type) {
        this.typeName = TypeNames.of(type);
        this.size = Layout.size(type);
        this.alignment = Layout.alignment(type);
    }

    abstract Object load(CallContext cx, long address);

    abstract void store(CallContext cx, Object value, long address);

    abstract Object liftFlat(CallContext cx, Flat in);

    abstract void lowerFlat(CallContext cx, Object value, Flat out);

    abstract WitValue toWit(Object value);

    abstract Object fromWit(WitValue value);

    /** The codec of Java values of {@code type} held as {@code shape}; fails when the shape does not fit the type. */
    static JavaCodec of(ValueType type, JavaShape shape) {
        if (shape instanceof JavaShape.Plain) {
            if (type == ValueType.Scalar.STRING) {
                return new StringJava();
            } else if (type instanceof ValueType.Scalar s) {
                return new ScalarJava(s, (ScalarCodec) ScalarCodecs.of(s));
            }
        } else if (shape instanceof JavaShape.ListShape l && type instanceof ValueType.ListOf list
                && list.element() != ValueType.Scalar.U8) { // list<u8> is a byte[] in bindings: not a shape (yet)
            return new ListJava(list, of(list.element(), l.element));
        } else if (shape instanceof JavaShape.RecordShape<?> r && type instanceof ValueType.RecordOf record
                && record.fields().size() == r.fields.size()) {
            JavaCodec[] fields = new JavaCodec[r.fields.size()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = of(record.fields().get(i).type(), r.fields.get(i));
            }
            return new RecordJava(record, fields, r);
        }
        throw new WitboxException("a Java value held as " + shape + " cannot be passed as " + TypeNames.of(type));
    }

    final WitboxException mismatch(Object value) {
        return new WitboxException("cannot pass " + (value == null ? "null" : "a " + value.getClass().getSimpleName())
                + " as " + typeName);
    }

    /** bool, the integers, the floats and char, by the rules of their {@link ScalarCodec}. */
    static final class ScalarJava extends JavaCodec {
        private final ScalarCodec scalar;

        ScalarJava(ValueType.Scalar type, ScalarCodec scalar) {
            super(type);
            this.scalar = scalar;
        }

        @Override
        Object load(CallContext cx, long address) {
            return scalar.liftJava(scalar.loadFlat(cx, address));
        }

        @Override
        void store(CallContext cx, Object value, long address) {
            scalar.storeFlat(cx, scalar.lowerJava(value), address);
        }

        @Override
        Object liftFlat(CallContext cx, Flat in) {
            return scalar.liftJava(in.next());
        }

        @Override
        void lowerFlat(CallContext cx, Object value, Flat out) {
            out.put(scalar.lowerJava(value));
        }

        @Override
        WitValue toWit(Object value) {
            return scalar.liftScalar(scalar.lowerJava(value));
        }

        @Override
        Object fromWit(WitValue value) {
            return scalar.liftJava(scalar.lowerScalar(value));
        }
    }

    /** {@code string} as a {@code String}: a pointer and a length, the code units by {@link Strings}. */
    static final class StringJava extends JavaCodec {
        StringJava() {
            super(ValueType.Scalar.STRING);
        }

        private String string(Object value) {
            if (value instanceof String s) {
                return s;
            }
            throw mismatch(value);
        }

        @Override
        Object load(CallContext cx, long address) {
            long ptr = cx.memory.loadI32(address) & 0xFFFF_FFFFL;
            return Strings.load(cx, ptr, cx.memory.loadI32(address + 4) & 0xFFFF_FFFFL);
        }

        @Override
        void store(CallContext cx, Object value, long address) {
            long ptr = Strings.store(cx, string(value));
            cx.memory.storeI32(address, (int) ptr);
            cx.memory.storeI32(address + 4, (int) cx.lastLength);
        }

        @Override
        Object liftFlat(CallContext cx, Flat in) {
            long ptr = in.nextU32();
            return Strings.load(cx, ptr, in.nextU32());
        }

        @Override
        void lowerFlat(CallContext cx, Object value, Flat out) {
            long ptr = Strings.store(cx, string(value));
            out.put((int) ptr);
            out.put((int) cx.lastLength);
        }

        @Override
        WitValue toWit(Object value) {
            return new WitValue.Str(string(value));
        }

        @Override
        Object fromWit(WitValue value) {
            return ((WitValue.Str) value).value();
        }
    }

    /** {@code list<T>} as a {@code java.util.List}: a pointer and a length, the elements one after another. */
    static final class ListJava extends JavaCodec {
        private final JavaCodec element;
        private final long hostBytesPerElement;

        ListJava(ValueType.ListOf type, JavaCodec element) {
            super(type);
            this.element = element;
            this.hostBytesPerElement = ListCodec.hostBytesPerElement(Layout.flatten(type.element()).size());
        }

        @Override
        Object load(CallContext cx, long address) {
            long ptr = cx.memory.loadI32(address) & 0xFFFF_FFFFL;
            return liftRange(cx, ptr, cx.memory.loadI32(address + 4) & 0xFFFF_FFFFL);
        }

        @Override
        void store(CallContext cx, Object value, long address) {
            long ptr = storeRange(cx, value);
            cx.memory.storeI32(address, (int) ptr);
            cx.memory.storeI32(address + 4, (int) cx.lastLength);
        }

        @Override
        Object liftFlat(CallContext cx, Flat in) {
            long ptr = in.nextU32();
            return liftRange(cx, ptr, in.nextU32());
        }

        @Override
        void lowerFlat(CallContext cx, Object value, Flat out) {
            long ptr = storeRange(cx, value);
            out.put((int) ptr);
            out.put((int) cx.lastLength);
        }

        private List<Object> liftRange(CallContext cx, long ptr, long length) {
            ListCodec.checkRange(cx, typeName, element.size, element.alignment, ptr, length,
                    hostBytesPerElement);
            Object[] out = new Object[(int) length];
            for (int i = 0; i < out.length; i++) {
                out[i] = element.load(cx, ptr + (long) i * element.size);
            }
            return Collections.unmodifiableList(Arrays.asList(out));
        }

        /** {@code store_list_into_range}: allocates exactly the list's bytes, then stores the elements. */
        private long storeRange(CallContext cx, Object value) {
            if (!(value instanceof List<?> list)) {
                throw mismatch(value);
            }
            int length = list.size();
            int step = element.size;
            long ptr = cx.allocate(element.alignment, (long) length * step, typeName);
            if (list instanceof RandomAccess) {
                for (int i = 0; i < length; i++) {
                    element.store(cx, list.get(i), ptr + (long) i * step);
                }
            } else {
                int i = 0;
                for (Object e : list) {
                    if (i == length) {
                        break; // the list grew while being passed: what was allocated is what is passed
                    }
                    element.store(cx, e, ptr + (long) i++ * step);
                }
            }
            cx.lastLength = length;
            return ptr;
        }

        @Override
        WitValue toWit(Object value) {
            if (!(value instanceof List<?> list)) {
                throw mismatch(value);
            }
            List<WitValue> out = new ArrayList<>(list.size());
            for (Object e : list) {
                out.add(element.toWit(e));
            }
            return new WitValue.ListOf(out);
        }

        @Override
        Object fromWit(WitValue value) {
            List<WitValue> elements = ((WitValue.ListOf) value).elements();
            Object[] out = new Object[elements.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = element.fromWit(elements.get(i));
            }
            return Collections.unmodifiableList(Arrays.asList(out));
        }
    }

    /** {@code record} as a Java object: fields at the offsets {@link Layout} gives, one after another when flat. */
    static final class RecordJava extends JavaCodec {
        private final JavaCodec[] fields;
        private final int[] offsets;
        private final String[] names;
        private final Function<Object, Object>[] getters;
        private final Function<Object[], ?> constructor;

        @SuppressWarnings("unchecked")
        RecordJava(ValueType.RecordOf type, JavaCodec[] fields, JavaShape.RecordShape<?> shape) {
            super(type);
            this.fields = fields;
            List<ValueType> types = new ArrayList<>();
            type.fields().forEach(f -> types.add(f.type()));
            this.offsets = Layout.fieldOffsets(types);
            this.names = type.fields().stream().map(ValueType.Field::name).toArray(String[]::new);
            this.getters = shape.getters.toArray(new Function[0]);
            this.constructor = shape.constructor;
        }

        private Object checked(Object value) {
            if (value == null) {
                throw mismatch(null);
            }
            return value;
        }

        @Override
        Object load(CallContext cx, long address) {
            Object[] values = new Object[fields.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = fields[i].load(cx, address + offsets[i]);
            }
            return constructor.apply(values);
        }

        @Override
        void store(CallContext cx, Object value, long address) {
            checked(value);
            for (int i = 0; i < fields.length; i++) {
                fields[i].store(cx, getters[i].apply(value), address + offsets[i]);
            }
        }

        @Override
        Object liftFlat(CallContext cx, Flat in) {
            Object[] values = new Object[fields.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = fields[i].liftFlat(cx, in);
            }
            return constructor.apply(values);
        }

        @Override
        void lowerFlat(CallContext cx, Object value, Flat out) {
            checked(value);
            for (int i = 0; i < fields.length; i++) {
                fields[i].lowerFlat(cx, getters[i].apply(value), out);
            }
        }

        @Override
        WitValue toWit(Object value) {
            checked(value);
            WitValue.Field[] out = new WitValue.Field[fields.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = new WitValue.Field(names[i], fields[i].toWit(getters[i].apply(value)));
            }
            return new WitValue.Record(Arrays.asList(out));
        }

        @Override
        Object fromWit(WitValue value) {
            List<WitValue.Field> in = ((WitValue.Record) value).fields();
            Object[] values = new Object[fields.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = fields[i].fromWit(in.get(i).value());
            }
            return constructor.apply(values);
        }
    }
}
