package dev.witbox.abi;

import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code flags}: a bit vector of 1, 2 or 4 bytes in memory (bit i is flag i), one i32 when flat.
 * Bits beyond the last flag are ignored when lifting, as the spec's {@code unpack_flags_from_int}
 * does.
 */
final class FlagsCodec extends Codec {

    private final String[] names;
    private final Map<String, Integer> index;

    FlagsCodec(ValueType.FlagsOf type) {
        super(type);
        this.names = type.flags().toArray(String[]::new);
        this.index = CasesCodec.indexOf(type.flags());
    }

    private int pack(WitValue value) {
        if (!(value instanceof WitValue.Flags flags)) {
            throw mismatch(value);
        }
        int bits = 0;
        for (String name : flags.set()) {
            Integer bit = index.get(name);
            if (bit == null) {
                throw new WitboxException(typeName + " has no flag " + name);
            }
            bits |= 1 << bit;
        }
        return bits;
    }

    private WitValue unpack(int bits) {
        String[] set = new String[Integer.bitCount(names.length == 32 ? bits : bits & ((1 << names.length) - 1))];
        int n = 0;
        for (int i = 0; i < names.length; i++) {
            if ((bits & (1 << i)) != 0) {
                set[n++] = names[i];
            }
        }
        return new WitValue.Flags(Arrays.asList(set));
    }

    @Override
    WitValue load(CallContext cx, long address) {
        return unpack(switch (size) {
            case 1 -> cx.memory.loadI8(address) & 0xFF;
            case 2 -> cx.memory.loadI16(address) & 0xFFFF;
            default -> cx.memory.loadI32(address);
        });
    }

    @Override
    void store(CallContext cx, WitValue value, long address) {
        int bits = pack(value);
        switch (size) {
            case 1 -> cx.memory.storeI8(address, (byte) bits);
            case 2 -> cx.memory.storeI16(address, (short) bits);
            default -> cx.memory.storeI32(address, bits);
        }
    }

    @Override
    WitValue liftFlat(CallContext cx, Flat in) {
        return unpack((int) in.next());
    }

    @Override
    void lowerFlat(CallContext cx, WitValue value, Flat out) {
        out.put(pack(value));
    }
}
