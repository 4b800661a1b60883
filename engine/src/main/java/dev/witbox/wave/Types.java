package dev.witbox.wave;

import dev.witbox.abi.ValueType;
import java.math.BigInteger;
import java.util.stream.Collectors;

/** How types are named in messages, and the integer ranges. */
final class Types {

    private Types() {
    }

    /** The type in WIT-like text, short enough for a message: {@code record {x, y}}, {@code list<u8>}. */
    static String describe(ValueType type) {
        if (type == null) {
            return "_";
        }
        if (type instanceof ValueType.Scalar s) {
            return s.witName();
        }
        if (type instanceof ValueType.ListOf l) {
            return "list<" + describe(l.element()) + ">";
        }
        if (type instanceof ValueType.MapOf m) {
            return "map<" + describe(m.key()) + ", " + describe(m.value()) + ">";
        }
        if (type instanceof ValueType.FixedListOf f) {
            return "list<" + describe(f.element()) + ", " + f.length() + ">";
        }
        if (type instanceof ValueType.TupleOf t) {
            return t.elements().stream().map(Types::describe).collect(Collectors.joining(", ", "tuple<", ">"));
        }
        if (type instanceof ValueType.RecordOf r) {
            return r.fields().stream().map(ValueType.Field::name).collect(Collectors.joining(", ", "record {", "}"));
        }
        if (type instanceof ValueType.VariantOf v) {
            return v.cases().stream().map(c -> c.payload() == null ? c.name() : c.name() + "(" + describe(c.payload()) + ")")
                    .collect(Collectors.joining(", ", "variant {", "}"));
        }
        if (type instanceof ValueType.EnumOf e) {
            return String.join(", ", e.cases()).transform(s -> "enum {" + s + "}");
        }
        if (type instanceof ValueType.FlagsOf f) {
            return String.join(", ", f.flags()).transform(s -> "flags {" + s + "}");
        }
        if (type instanceof ValueType.OptionOf o) {
            return "option<" + describe(o.element()) + ">";
        }
        if (type instanceof ValueType.ResultOf r) {
            if (r.ok() == null && r.err() == null) {
                return "result";
            }
            if (r.err() == null) {
                return "result<" + describe(r.ok()) + ">";
            }
            return "result<" + describe(r.ok()) + ", " + describe(r.err()) + ">";
        }
        if (type instanceof ValueType.OwnOf o) {
            return "own<" + o.resource().name() + ">";
        }
        ValueType.BorrowOf b = (ValueType.BorrowOf) type;
        return "borrow<" + b.resource().name() + ">";
    }

    /** The type with an indefinite article, integers with their range: "a u8 (0 to 255)", "an enum {…}". */
    static String a(ValueType type) {
        if (type instanceof ValueType.Scalar s && isInteger(s)) {
            return describeInteger(s);
        }
        String d = describe(type);
        // by sound: "an f32", "an enum", "an option", but "a u8", "a list"
        return ("aeiof".indexOf(d.charAt(0)) >= 0 && !d.startsWith("flags") ? "an " : "a ") + d;
    }

    static String describeInteger(ValueType.Scalar type) {
        String article = type == ValueType.Scalar.S8 || type == ValueType.Scalar.S16 || type == ValueType.Scalar.S32
                || type == ValueType.Scalar.S64 ? "an " : "a ";
        return article + type.witName() + " (" + min(type) + " to " + max(type) + ")";
    }

    static boolean isInteger(ValueType.Scalar s) {
        return switch (s) {
            case S8, S16, S32, S64, U8, U16, U32, U64 -> true;
            default -> false;
        };
    }

    static boolean isSigned(ValueType.Scalar s) {
        return s == ValueType.Scalar.S8 || s == ValueType.Scalar.S16 || s == ValueType.Scalar.S32
                || s == ValueType.Scalar.S64;
    }

    static BigInteger min(ValueType.Scalar s) {
        return switch (s) {
            case S8 -> BigInteger.valueOf(Byte.MIN_VALUE);
            case S16 -> BigInteger.valueOf(Short.MIN_VALUE);
            case S32 -> BigInteger.valueOf(Integer.MIN_VALUE);
            case S64 -> BigInteger.valueOf(Long.MIN_VALUE);
            default -> BigInteger.ZERO;
        };
    }

    static BigInteger max(ValueType.Scalar s) {
        return switch (s) {
            case S8 -> BigInteger.valueOf(Byte.MAX_VALUE);
            case S16 -> BigInteger.valueOf(Short.MAX_VALUE);
            case S32 -> BigInteger.valueOf(Integer.MAX_VALUE);
            case S64 -> BigInteger.valueOf(Long.MAX_VALUE);
            case U8 -> BigInteger.valueOf(0xFF);
            case U16 -> BigInteger.valueOf(0xFFFF);
            case U32 -> BigInteger.valueOf(0xFFFF_FFFFL);
            case U64 -> BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
            default -> throw new IllegalArgumentException(s + " is not an integer type");
        };
    }
}
