package dev.witbox.abi;

import dev.witbox.api.value.WitValue;
import java.util.List;

/**
 * {@code list<u8>} as {@link WitValue.Bytes}: one bulk copy each way, no per-element work. (A
 * {@code WitValue.ListOf} of u8 values is accepted when lowering too.)
 */
final class ByteListCodec extends ListCodec {

    ByteListCodec(ValueType.ListOf type, Codec element) {
        super(type, element);
    }

    @Override
    long hostBytesPerElement() {
        return 0; // one byte array
    }

    @Override
    WitValue liftElements(CallContext cx, long ptr, int length) {
        return new WitValue.Bytes(cx.memory.readBytes(ptr, length));
    }

    @Override
    long storeRange(CallContext cx, WitValue value) {
        byte[] bytes;
        if (value instanceof WitValue.Bytes b) {
            bytes = b.value();
        } else if (value instanceof WitValue.ListOf list) {
            bytes = toBytes(this, list.elements());
        } else {
            throw mismatch(value);
        }
        long ptr = cx.allocate(1, bytes.length, typeName);
        cx.memory.write(ptr, bytes, 0, bytes.length);
        cx.lastLength = bytes.length;
        return ptr;
    }

    static byte[] toBytes(Codec codec, List<WitValue> elements) {
        byte[] bytes = new byte[elements.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ScalarCodecs.inRange(codec, elements.get(i), 0, 0xFF);
        }
        return bytes;
    }
}
