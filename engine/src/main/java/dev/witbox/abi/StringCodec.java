package dev.witbox.abi;

import dev.witbox.api.value.WitValue;

/** {@code string}: a pointer and a length in code units, the bytes in memory; see {@link Strings}. */
final class StringCodec extends Codec {

    StringCodec() {
        super(ValueType.Scalar.STRING);
    }

    private String string(WitValue value) {
        if (value instanceof WitValue.Str s) {
            return s.value();
        }
        throw mismatch(value);
    }

    @Override
    WitValue load(CallContext cx, long address) {
        long ptr = cx.memory.loadI32(address) & 0xFFFF_FFFFL;
        long length = cx.memory.loadI32(address + 4) & 0xFFFF_FFFFL;
        return new WitValue.Str(Strings.load(cx, ptr, length));
    }

    @Override
    void store(CallContext cx, WitValue value, long address) {
        long ptr = Strings.store(cx, string(value));
        cx.memory.storeI32(address, (int) ptr);
        cx.memory.storeI32(address + 4, (int) cx.lastLength);
    }

    @Override
    WitValue liftFlat(CallContext cx, Flat in) {
        long ptr = in.nextU32();
        return new WitValue.Str(Strings.load(cx, ptr, in.nextU32()));
    }

    @Override
    void lowerFlat(CallContext cx, WitValue value, Flat out) {
        long ptr = Strings.store(cx, string(value));
        out.put((int) ptr);
        out.put((int) cx.lastLength);
    }
}
