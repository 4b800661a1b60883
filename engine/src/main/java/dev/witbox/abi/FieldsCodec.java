package dev.witbox.abi;

import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.util.Arrays;
import java.util.List;

/**
 * Records and tuples: fields at fixed, precomputed offsets in memory, and one after another when
 * flat. A tuple of a function's parameters or results is how the ABI passes them through memory
 * when they do not fit in flat values, so this codec also works on plain arrays of values.
 */
final class FieldsCodec extends Codec {

    private final Codec[] fields;
    private final int[] offsets;
    /** Field names for a record, null for a tuple. */
    private final String[] names;

    FieldsCodec(ValueType type, Codec[] fields, List<ValueType> fieldTypes, String[] names) {
        super(type);
        this.fields = fields;
        this.offsets = Layout.fieldOffsets(fieldTypes);
        this.names = names;
    }

    WitValue[] loadAll(CallContext cx, long address) {
        WitValue[] values = new WitValue[fields.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = fields[i].load(cx, address + offsets[i]);
        }
        return values;
    }

    void storeAll(CallContext cx, WitValue[] values, long address) {
        for (int i = 0; i < fields.length; i++) {
            fields[i].store(cx, values[i], address + offsets[i]);
        }
    }

    private WitValue make(WitValue[] values) {
        if (names == null) {
            return new WitValue.Tuple(Arrays.asList(values));
        }
        WitValue.Field[] out = new WitValue.Field[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = new WitValue.Field(names[i], values[i]);
        }
        return new WitValue.Record(Arrays.asList(out));
    }

    /** The field values of {@code value} in the type's order. */
    private WitValue field(WitValue value, int i) {
        if (names == null) {
            if (value instanceof WitValue.Tuple t && t.elements().size() == fields.length) {
                return t.elements().get(i);
            }
            throw mismatch(value);
        }
        if (!(value instanceof WitValue.Record r) || r.fields().size() != fields.length) {
            throw mismatch(value);
        }
        WitValue.Field f = r.fields().get(i);
        if (f.name().equals(names[i])) {
            return f.value();
        }
        WitValue v = r.get(names[i]); // fields given in another order
        if (v == null) {
            throw new WitboxException("cannot pass a record without field " + names[i] + " as " + typeName);
        }
        return v;
    }

    @Override
    WitValue load(CallContext cx, long address) {
        return make(loadAll(cx, address));
    }

    @Override
    void store(CallContext cx, WitValue value, long address) {
        for (int i = 0; i < fields.length; i++) {
            fields[i].store(cx, field(value, i), address + offsets[i]);
        }
    }

    @Override
    WitValue liftFlat(CallContext cx, Flat in) {
        WitValue[] values = new WitValue[fields.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = fields[i].liftFlat(cx, in);
        }
        return make(values);
    }

    @Override
    void lowerFlat(CallContext cx, WitValue value, Flat out) {
        for (int i = 0; i < fields.length; i++) {
            fields[i].lowerFlat(cx, field(value, i), out);
        }
    }
}
