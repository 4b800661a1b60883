package dev.witbox.abi;

import java.util.ArrayList;
import java.util.List;

/**
 * Size, alignment and flattening of value types, as the spec's {@code alignment},
 * {@code elem_size} and {@code flatten_type} define them for 32-bit memories.
 *
 * <p>The specialised types are handled as their expansions (the spec's {@code despecialize}):
 * a tuple is a record, an enum a variant without payloads, an option the variant
 * {@code none | some(T)}, a result the variant {@code ok(T) | error(E)}, a map the list
 * {@code list<tuple<K, V>>}.
 */
public final class Layout {

    /** Flat core parameters above this many are passed through memory. */
    public static final int MAX_FLAT_PARAMS = 16;
    /** Flat core results above this many are passed through memory. */
    public static final int MAX_FLAT_RESULTS = 1;
    /** The largest string, in bytes, the ABI lifts. */
    public static final long MAX_STRING_BYTE_LENGTH = (1L << 28) - 1;
    /** The largest list, in bytes, the ABI lifts. */
    public static final long MAX_LIST_BYTE_LENGTH = (1L << 28) - 1;
    /** The bit of a latin1+utf16 string's length that says the string is UTF-16. */
    public static final long UTF16_TAG = 1L << 31;
    /** Types whose element size reaches this are invalid (the spec's validation bound). */
    static final long MAX_TYPE_SIZE = 1L << 28;

    private static final int PTR_SIZE = 4;

    private Layout() {}

    /** The alignment in bytes of {@code type} in memory. */
    public static int alignment(ValueType type) {
        if (type instanceof ValueType.Scalar s) {
            switch (s) {
                case BOOL, S8, U8:
                    return 1;
                case S16, U16:
                    return 2;
                case S64, U64, F64:
                    return 8;
                default:
                    return 4; // s32, u32, f32, char, and string's pointer
            }
        } else if (type instanceof ValueType.ListOf || type instanceof ValueType.MapOf) {
            return PTR_SIZE;
        } else if (type instanceof ValueType.FixedListOf l) {
            return alignment(l.element());
        } else if (type instanceof ValueType.RecordOf r) {
            int a = 1;
            for (ValueType.Field f : r.fields()) {
                a = Math.max(a, alignment(f.type()));
            }
            return a;
        } else if (type instanceof ValueType.TupleOf t) {
            int a = 1;
            for (ValueType e : t.elements()) {
                a = Math.max(a, alignment(e));
            }
            return a;
        } else if (type instanceof ValueType.VariantOf || type instanceof ValueType.EnumOf
                || type instanceof ValueType.OptionOf || type instanceof ValueType.ResultOf) {
            return Math.max(discriminantSize(caseCount(type)), maxCaseAlignment(payloads(type)));
        } else if (type instanceof ValueType.FlagsOf f) {
            return flagsSize(f.flags().size());
        } else {
            return 4; // own, borrow
        }
    }

    private static int caseCount(ValueType type) {
        if (type instanceof ValueType.VariantOf v) {
            return v.cases().size();
        } else if (type instanceof ValueType.EnumOf e) {
            return e.cases().size();
        }
        return 2; // option, result
    }

    /** The size in bytes of {@code type} in memory (the spec's {@code elem_size}). */
    public static int size(ValueType type) {
        long size = sizeLong(type);
        if (size >= MAX_TYPE_SIZE) {
            throw new IllegalArgumentException("type is too large for the canonical ABI (" + size + " bytes)");
        }
        return (int) size;
    }

    private static long sizeLong(ValueType type) {
        if (type instanceof ValueType.Scalar s) {
            switch (s) {
                case BOOL, S8, U8:
                    return 1;
                case S16, U16:
                    return 2;
                case S64, U64, F64, STRING:
                    return 8;
                default:
                    return 4;
            }
        } else if (type instanceof ValueType.ListOf || type instanceof ValueType.MapOf) {
            return 2 * PTR_SIZE;
        } else if (type instanceof ValueType.FixedListOf l) {
            return l.length() * sizeLong(l.element());
        } else if (type instanceof ValueType.RecordOf r) {
            if (r.fields().isEmpty()) {
                throw new IllegalArgumentException("a record must have at least one field");
            }
            List<ValueType> types = new ArrayList<>();
            r.fields().forEach(f -> types.add(f.type()));
            return recordSize(types);
        } else if (type instanceof ValueType.TupleOf t) {
            if (t.elements().isEmpty()) {
                throw new IllegalArgumentException("a tuple must have at least one element");
            }
            return recordSize(t.elements());
        } else if (type instanceof ValueType.VariantOf || type instanceof ValueType.EnumOf
                || type instanceof ValueType.OptionOf || type instanceof ValueType.ResultOf) {
            return variantSize(caseCount(type), payloads(type));
        } else if (type instanceof ValueType.FlagsOf f) {
            return flagsSize(f.flags().size());
        } else {
            return 4; // own, borrow
        }
    }

    private static long recordSize(List<ValueType> fields) {
        long s = 0;
        int align = 1;
        for (ValueType f : fields) {
            int a = alignment(f);
            align = Math.max(align, a);
            s = alignTo(s, a) + sizeLong(f);
        }
        return alignTo(s, align);
    }

    private static long variantSize(int caseCount, List<ValueType> payloads) {
        int caseAlign = maxCaseAlignment(payloads);
        long s = alignTo(discriminantSize(caseCount), caseAlign);
        long max = 0;
        for (ValueType p : payloads) {
            max = Math.max(max, sizeLong(p));
        }
        return alignTo(s + max, Math.max(discriminantSize(caseCount), caseAlign));
    }

    /** The offsets in memory of the fields of a record or tuple whose field types are {@code fields}. */
    static int[] fieldOffsets(List<ValueType> fields) {
        int[] offsets = new int[fields.size()];
        long s = 0;
        for (int i = 0; i < offsets.length; i++) {
            ValueType f = fields.get(i);
            s = alignTo(s, alignment(f));
            offsets[i] = (int) s;
            s += sizeLong(f);
        }
        return offsets;
    }

    /** Where a variant's payload starts, relative to the variant. */
    static int payloadOffset(int caseCount, List<ValueType> payloads) {
        return (int) alignTo(discriminantSize(caseCount), maxCaseAlignment(payloads));
    }

    /** The discriminant of a variant with {@code caseCount} cases is a u8, u16 or u32. */
    public static int discriminantSize(int caseCount) {
        if (caseCount <= 0) {
            throw new IllegalArgumentException("a variant must have at least one case");
        }
        if (caseCount <= 1 << 8) {
            return 1;
        }
        return caseCount <= 1 << 16 ? 2 : 4;
    }

    /** Flags are a bit vector in the smallest of 1, 2 or 4 bytes that holds them all (1 to 32 flags). */
    public static int flagsSize(int flagCount) {
        if (flagCount <= 0 || flagCount > 32) {
            throw new IllegalArgumentException("flags must have between 1 and 32 labels, not " + flagCount);
        }
        if (flagCount <= 8) {
            return 1;
        }
        return flagCount <= 16 ? 2 : 4;
    }

    private static int maxCaseAlignment(List<ValueType> payloads) {
        int a = 1;
        for (ValueType p : payloads) {
            a = Math.max(a, alignment(p));
        }
        return a;
    }

    static long alignTo(long offset, int alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }

    /** The core types {@code type} flattens to. */
    public static List<CoreType> flatten(ValueType type) {
        List<CoreType> out = new ArrayList<>();
        flattenInto(type, out);
        return List.copyOf(out);
    }

    /** The core types a sequence of values of {@code types} flattens to. */
    public static List<CoreType> flatten(List<ValueType> types) {
        List<CoreType> out = new ArrayList<>();
        for (ValueType t : types) {
            flattenInto(t, out);
        }
        return List.copyOf(out);
    }

    private static void flattenInto(ValueType type, List<CoreType> out) {
        if (type instanceof ValueType.Scalar s) {
            switch (s) {
                case S64, U64 -> out.add(CoreType.I64);
                case F32 -> out.add(CoreType.F32);
                case F64 -> out.add(CoreType.F64);
                case STRING -> {
                    out.add(CoreType.I32);
                    out.add(CoreType.I32);
                }
                default -> out.add(CoreType.I32);
            }
        } else if (type instanceof ValueType.ListOf || type instanceof ValueType.MapOf) {
            out.add(CoreType.I32);
            out.add(CoreType.I32);
        } else if (type instanceof ValueType.FixedListOf l) {
            List<CoreType> one = flatten(l.element());
            for (int i = 0; i < l.length(); i++) {
                out.addAll(one);
            }
        } else if (type instanceof ValueType.RecordOf r) {
            r.fields().forEach(f -> flattenInto(f.type(), out));
        } else if (type instanceof ValueType.TupleOf t) {
            t.elements().forEach(e -> flattenInto(e, out));
        } else if (type instanceof ValueType.VariantOf || type instanceof ValueType.EnumOf
                || type instanceof ValueType.OptionOf || type instanceof ValueType.ResultOf) {
            out.addAll(flattenVariant(payloads(type)));
        } else if (type instanceof ValueType.FlagsOf f) {
            flagsSize(f.flags().size());
            out.add(CoreType.I32);
        } else {
            out.add(CoreType.I32); // own, borrow
        }
    }

    /** The discriminant's i32 followed by the case payloads' flattenings joined slot by slot. */
    static List<CoreType> flattenVariant(List<ValueType> payloads) {
        List<CoreType> joined = new ArrayList<>();
        for (ValueType p : payloads) {
            List<CoreType> flat = flatten(p);
            for (int i = 0; i < flat.size(); i++) {
                if (i < joined.size()) {
                    joined.set(i, CoreType.join(joined.get(i), flat.get(i)));
                } else {
                    joined.add(flat.get(i));
                }
            }
        }
        joined.add(0, CoreType.I32);
        return joined;
    }

    /** The payload types of a variant-like type, cases without payload left out. */
    static List<ValueType> payloads(ValueType type) {
        List<ValueType> out = new ArrayList<>();
        for (ValueType p : casePayloads(type)) {
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** The payload of each case of a variant-like type, null for a case without one. */
    static ValueType[] casePayloads(ValueType type) {
        if (type instanceof ValueType.VariantOf v) {
            discriminantSize(v.cases().size());
            return v.cases().stream().map(ValueType.Case::payload).toArray(ValueType[]::new);
        } else if (type instanceof ValueType.OptionOf o) {
            return new ValueType[] {null, o.element()};
        } else if (type instanceof ValueType.ResultOf r) {
            return new ValueType[] {r.ok(), r.err()};
        } else if (type instanceof ValueType.EnumOf e) {
            discriminantSize(e.cases().size());
            return new ValueType[e.cases().size()];
        }
        throw new IllegalArgumentException("not a variant: " + type);
    }
}
