package dev.witbox.abi;

import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.util.Arrays;
import java.util.List;

/**
 * {@code list<T, N>}: laid out and flattened like a tuple of N elements, lifted as a
 * {@link WitValue.ListOf}. (For {@code list<u8, N>} a {@link WitValue.Bytes} is accepted when
 * lowering too.)
 */
final class FixedListCodec extends Codec {

    private final Codec element;
    private final int length;

    FixedListCodec(ValueType.FixedListOf type, Codec element) {
        super(type);
        this.element = element;
        this.length = type.length();
    }

    private List<WitValue> elements(WitValue value) {
        List<WitValue> elements;
        if (value instanceof WitValue.ListOf list) {
            elements = list.elements();
        } else if (value instanceof WitValue.Bytes bytes && element instanceof ScalarCodecs.U8Codec) {
            elements = new java.util.ArrayList<>(bytes.value().length);
            for (byte b : bytes.value()) {
                elements.add(new WitValue.U8(b & 0xFF));
            }
        } else {
            throw mismatch(value);
        }
        if (elements.size() != length) {
            throw new WitboxException("cannot pass a list of " + elements.size() + " elements as " + typeName);
        }
        return elements;
    }

    @Override
    WitValue load(CallContext cx, long address) {
        WitValue[] out = new WitValue[length];
        for (int i = 0; i < length; i++) {
            out[i] = element.load(cx, address + (long) i * element.size);
        }
        return new WitValue.ListOf(Arrays.asList(out));
    }

    @Override
    void store(CallContext cx, WitValue value, long address) {
        List<WitValue> elements = elements(value);
        for (int i = 0; i < length; i++) {
            element.store(cx, elements.get(i), address + (long) i * element.size);
        }
    }

    @Override
    WitValue liftFlat(CallContext cx, Flat in) {
        WitValue[] out = new WitValue[length];
        for (int i = 0; i < length; i++) {
            out[i] = element.liftFlat(cx, in);
        }
        return new WitValue.ListOf(Arrays.asList(out));
    }

    @Override
    void lowerFlat(CallContext cx, WitValue value, Flat out) {
        List<WitValue> elements = elements(value);
        for (int i = 0; i < length; i++) {
            element.lowerFlat(cx, elements.get(i), out);
        }
    }
}
