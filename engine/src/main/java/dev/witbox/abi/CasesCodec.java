package dev.witbox.abi;

import static dev.witbox.abi.CanonicalAbiTrap.hex;

import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Variants and their specialisations (enum, option, result): a discriminant of 1, 2 or 4 bytes,
 * then the case's payload at one offset shared by all cases.
 *
 * <p>Flat, the discriminant is an i32 followed by the payload slots of all cases joined (the spec's
 * {@code join}). Lifting a payload from joined slots needs no conversion in Chicory's convention,
 * where an i32 or f32 is read from the low 32 bits of its long anyway. Lowering does: an i32 or f32
 * in a slot joined to i64 must be zero-extended, as the spec's {@code lower_flat_variant} does; the
 * slots that need it are precomputed per case. Unused trailing slots are zero.
 */
abstract class CasesCodec extends Codec {

    private final Codec[] payloads;
    private final int discriminantSize;
    private final int payloadOffset;
    /** Per case, the payload slots (relative to the first) that must be zero-extended to i64. */
    private final int[][] widen;

    CasesCodec(ValueType type, Codec[] payloads) {
        super(type);
        this.payloads = payloads;
        List<ValueType> payloadTypes = Layout.payloads(type);
        this.discriminantSize = Layout.discriminantSize(payloads.length);
        this.payloadOffset = Layout.payloadOffset(payloads.length, payloadTypes);
        List<CoreType> joined = Layout.flattenVariant(payloadTypes);
        ValueType[] caseTypes = Layout.casePayloads(type);
        this.widen = new int[payloads.length][];
        for (int c = 0; c < payloads.length; c++) {
            List<CoreType> own = caseTypes[c] == null ? List.of() : Layout.flatten(caseTypes[c]);
            int[] slots = new int[own.size()];
            int n = 0;
            for (int i = 0; i < own.size(); i++) {
                CoreType have = own.get(i);
                if (joined.get(i + 1) == CoreType.I64 && (have == CoreType.I32 || have == CoreType.F32)) {
                    slots[n++] = i;
                }
            }
            widen[c] = java.util.Arrays.copyOf(slots, n);
        }
    }

    /** The case index of {@code value}, which must be of this type. */
    abstract int caseOf(WitValue value);

    /** The payload of {@code value}, or null. */
    abstract WitValue payloadOf(WitValue value);

    abstract WitValue make(int caseIndex, WitValue payload);

    /** The payload of {@code value}, in case {@code c}, checked against the case's type. */
    private WitValue checkedPayload(WitValue value, int c) {
        WitValue payload = payloadOf(value);
        if ((payloads[c] == null) != (payload == null)) {
            throw new WitboxException(payload == null
                    ? "cannot pass a case without payload as " + typeName + ", whose case " + c + " has one"
                    : "cannot pass a payload for case " + c + " of " + typeName + ", which has none");
        }
        return payload;
    }

    private WitValue badDiscriminant(long discriminant, String where) {
        throw new CanonicalAbiTrap("invalid discriminant " + discriminant + " for " + typeName + where
                + " (it has " + payloads.length + " cases)");
    }

    @Override
    final WitValue load(CallContext cx, long address) {
        long d = switch (discriminantSize) {
            case 1 -> cx.memory.loadI8(address) & 0xFFL;
            case 2 -> cx.memory.loadI16(address) & 0xFFFFL;
            default -> cx.memory.loadI32(address) & 0xFFFF_FFFFL;
        };
        if (d >= payloads.length) {
            return badDiscriminant(d, " at " + hex(address));
        }
        int c = (int) d;
        Codec p = payloads[c];
        return make(c, p == null ? null : p.load(cx, address + payloadOffset));
    }

    @Override
    final void store(CallContext cx, WitValue value, long address) {
        int c = caseOf(value);
        WitValue payload = checkedPayload(value, c);
        switch (discriminantSize) {
            case 1 -> cx.memory.storeI8(address, (byte) c);
            case 2 -> cx.memory.storeI16(address, (short) c);
            default -> cx.memory.storeI32(address, c);
        }
        if (payloads[c] != null) {
            payloads[c].store(cx, payload, address + payloadOffset);
        }
    }

    @Override
    final WitValue liftFlat(CallContext cx, Flat in) {
        long d = in.nextU32();
        if (d >= payloads.length) {
            return badDiscriminant(d, "");
        }
        int c = (int) d;
        int end = in.pos + flatCount - 1;
        Codec p = payloads[c];
        WitValue payload = p == null ? null : p.liftFlat(cx, in);
        in.pos = end;
        return make(c, payload);
    }

    @Override
    final void lowerFlat(CallContext cx, WitValue value, Flat out) {
        int c = caseOf(value);
        WitValue payload = checkedPayload(value, c);
        out.put(c);
        int start = out.pos;
        if (payloads[c] != null) {
            payloads[c].lowerFlat(cx, payload, out);
            for (int slot : widen[c]) {
                out.values[start + slot] &= 0xFFFF_FFFFL;
            }
        }
        int end = start + flatCount - 1;
        while (out.pos < end) {
            out.put(0);
        }
    }

    /** A map from names to their index, for O(1) case lookup when lowering. */
    static Map<String, Integer> indexOf(List<String> names) {
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            map.put(names.get(i), i);
        }
        return map;
    }

    static final class VariantCodec extends CasesCodec {
        private final String[] names;
        private final Map<String, Integer> index;

        VariantCodec(ValueType.VariantOf type, Codec[] payloads) {
            super(type, payloads);
            List<String> list = type.cases().stream().map(ValueType.Case::name).toList();
            this.names = list.toArray(String[]::new);
            this.index = indexOf(list);
        }

        @Override
        int caseOf(WitValue value) {
            if (value instanceof WitValue.Variant v) {
                Integer i = index.get(v.caseName());
                if (i != null) {
                    return i;
                }
                throw new WitboxException(typeName + " has no case " + v.caseName());
            }
            throw mismatch(value);
        }

        @Override
        WitValue payloadOf(WitValue value) {
            return ((WitValue.Variant) value).payload();
        }

        @Override
        WitValue make(int caseIndex, WitValue payload) {
            return new WitValue.Variant(names[caseIndex], payload);
        }
    }

    static final class EnumCodec extends CasesCodec {
        private final WitValue.Enum[] values;
        private final Map<String, Integer> index;

        EnumCodec(ValueType.EnumOf type) {
            super(type, new Codec[type.cases().size()]);
            this.values = type.cases().stream().map(WitValue.Enum::new).toArray(WitValue.Enum[]::new);
            this.index = indexOf(type.cases());
        }

        @Override
        int caseOf(WitValue value) {
            if (value instanceof WitValue.Enum e) {
                Integer i = index.get(e.caseName());
                if (i != null) {
                    return i;
                }
                throw new WitboxException(typeName + " has no case " + e.caseName());
            }
            throw mismatch(value);
        }

        @Override
        WitValue payloadOf(WitValue value) {
            return null;
        }

        @Override
        WitValue make(int caseIndex, WitValue payload) {
            return values[caseIndex];
        }
    }

    static final class OptionCodec extends CasesCodec {
        OptionCodec(ValueType.OptionOf type, Codec element) {
            super(type, new Codec[] {null, element});
        }

        @Override
        int caseOf(WitValue value) {
            if (value instanceof WitValue.Option o) {
                return o.isSome() ? 1 : 0;
            }
            throw mismatch(value);
        }

        @Override
        WitValue payloadOf(WitValue value) {
            return ((WitValue.Option) value).value();
        }

        @Override
        WitValue make(int caseIndex, WitValue payload) {
            return caseIndex == 0 ? WitValue.Option.NONE : new WitValue.Option(payload);
        }
    }

    static final class ResultCodec extends CasesCodec {
        ResultCodec(ValueType.ResultOf type, Codec ok, Codec err) {
            super(type, new Codec[] {ok, err});
        }

        @Override
        int caseOf(WitValue value) {
            if (value instanceof WitValue.Result r) {
                return r.isOk() ? 0 : 1;
            }
            throw mismatch(value);
        }

        @Override
        WitValue payloadOf(WitValue value) {
            return ((WitValue.Result) value).payload();
        }

        @Override
        WitValue make(int caseIndex, WitValue payload) {
            return new WitValue.Result(caseIndex == 0, payload);
        }
    }
}
