package dev.witbox.abi;

import static dev.witbox.abi.CanonicalAbiTrap.hex;

import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;

/**
 * Codecs of bool, the integers, the floats and char.
 *
 * <p>Lifting an integer from an i32 takes its low bits, as the spec does. Lowering accepts any
 * integer {@code WitValue} whose value is in the type's range, so hosts need not match the exact
 * Java case. NaNs are canonicalised when lifted (the spec's {@code canonicalize_nan}) and lowered as
 * the canonical NaN too: the spec leaves lowered NaN bits nondeterministic and allows any fixed
 * choice, and this one matches the deterministic profile.
 */
final class ScalarCodecs {

    private ScalarCodecs() {}

    static final int CANONICAL_F32_NAN = 0x7fc0_0000;
    static final long CANONICAL_F64_NAN = 0x7ff8_0000_0000_0000L;

    static Codec of(ValueType.Scalar scalar) {
        return switch (scalar) {
            case BOOL -> new BoolCodec();
            case S8 -> new S8Codec();
            case U8 -> new U8Codec();
            case S16 -> new S16Codec();
            case U16 -> new U16Codec();
            case S32 -> new S32Codec();
            case U32 -> new U32Codec();
            case S64 -> new S64Codec();
            case U64 -> new U64Codec();
            case F32 -> new F32Codec();
            case F64 -> new F64Codec();
            case CHAR -> new CharCodec();
            case STRING -> throw new IllegalArgumentException("string has its own codec");
        };
    }

    /** The exact value of any integer case; u64 values above 2^63 - 1 fit no type but u64. */
    static long integerValue(Codec codec, WitValue value) {
        if (value instanceof WitValue.S8 v) {
            return v.value();
        } else if (value instanceof WitValue.U8 v) {
            return v.value();
        } else if (value instanceof WitValue.S16 v) {
            return v.value();
        } else if (value instanceof WitValue.U16 v) {
            return v.value();
        } else if (value instanceof WitValue.S32 v) {
            return v.value();
        } else if (value instanceof WitValue.U32 v) {
            return v.value();
        } else if (value instanceof WitValue.S64 v) {
            return v.value();
        } else if (value instanceof WitValue.U64 v) {
            if (v.value() < 0) {
                throw outOfRange(codec, Long.toUnsignedString(v.value()));
            }
            return v.value();
        }
        throw codec.mismatch(value);
    }

    static long inRange(Codec codec, WitValue value, long min, long max) {
        long n = integerValue(codec, value);
        if (n < min || n > max) {
            throw outOfRange(codec, Long.toString(n));
        }
        return n;
    }

    /** A Java integer of generated bindings, checked against the type's range. */
    static long inRange(Codec codec, Object value, long min, long max) {
        if (!(value instanceof Number number)) {
            throw javaMismatch(codec, value);
        }
        long n = number.longValue();
        if (n < min || n > max) {
            throw outOfRange(codec, Long.toString(n));
        }
        return n;
    }

    static WitboxException javaMismatch(Codec codec, Object value) {
        return new WitboxException("cannot pass " + (value == null ? "null" : "a " + value.getClass().getSimpleName())
                + " as " + codec.typeName);
    }

    static WitboxException outOfRange(Codec codec, String value) {
        return new WitboxException("value " + value + " is out of range for " + codec.typeName);
    }

    static final class BoolCodec extends ScalarCodec {
        private static final WitValue.Bool TRUE = new WitValue.Bool(true);
        private static final WitValue.Bool FALSE = new WitValue.Bool(false);

        BoolCodec() {
            super(ValueType.Scalar.BOOL);
        }

        private int bit(WitValue value) {
            if (value instanceof WitValue.Bool b) {
                return b.value() ? 1 : 0;
            }
            throw mismatch(value);
        }

        @Override
        WitValue load(CallContext cx, long address) {
            return cx.memory.loadI8(address) != 0 ? TRUE : FALSE;
        }

        @Override
        void store(CallContext cx, WitValue value, long address) {
            cx.memory.storeI8(address, (byte) bit(value));
        }

        @Override
        WitValue liftScalar(long flat) {
            return (int) flat != 0 ? TRUE : FALSE;
        }

        @Override
        long lowerScalar(WitValue value) {
            return bit(value);
        }

        @Override
        Object liftJava(long flat) {
            return (int) flat != 0;
        }

        @Override
        long lowerJava(Object value) {
            if (value instanceof Boolean b) {
                return b ? 1 : 0;
            }
            throw javaMismatch(this, value);
        }
    }

    static final class S8Codec extends ScalarCodec {
        S8Codec() {
            super(ValueType.Scalar.S8);
        }

        private byte value(WitValue v) {
            return v instanceof WitValue.S8 x ? x.value() : (byte) inRange(this, v, Byte.MIN_VALUE, Byte.MAX_VALUE);
        }

        @Override
        WitValue load(CallContext cx, long address) {
            return new WitValue.S8(cx.memory.loadI8(address));
        }

        @Override
        void store(CallContext cx, WitValue value, long address) {
            cx.memory.storeI8(address, value(value));
        }

        @Override
        WitValue liftScalar(long flat) {
            return new WitValue.S8((byte) flat);
        }

        @Override
        long lowerScalar(WitValue value) {
            return value(value);
        }

        @Override
        Object liftJava(long flat) {
            return (byte) flat;
        }

        @Override
        long lowerJava(Object value) {
            return inRange(this, value, Byte.MIN_VALUE, Byte.MAX_VALUE);
        }
    }

    static final class U8Codec extends ScalarCodec {
        U8Codec() {
            super(ValueType.Scalar.U8);
        }

        private int value(WitValue v) {
            return v instanceof WitValue.U8 x ? x.value() : (int) inRange(this, v, 0, 0xFF);
        }

        @Override
        WitValue load(CallContext cx, long address) {
            return new WitValue.U8(cx.memory.loadI8(address) & 0xFF);
        }

        @Override
        void store(CallContext cx, WitValue value, long address) {
            cx.memory.storeI8(address, (byte) value(value));
        }

        @Override
        WitValue liftScalar(long flat) {
            return new WitValue.U8((int) flat & 0xFF);
        }

        @Override
        long lowerScalar(WitValue value) {
            return value(value);
        }

        @Override
        Object liftJava(long flat) {
            return (short) (flat & 0xFF);
        }

        @Override
        long lowerJava(Object value) {
            return inRange(this, value, 0, 0xFF);
        }
    }

    static final class S16Codec extends ScalarCodec {
        S16Codec() {
            super(ValueType.Scalar.S16);
        }

        private short value(WitValue v) {
            return v instanceof WitValue.S16 x ? x.value() : (short) inRange(this, v, Short.MIN_VALUE, Short.MAX_VALUE);
        }

        @Override
        WitValue load(CallContext cx, long address) {
            return new WitValue.S16(cx.memory.loadI16(address));
        }

        @Override
        void store(CallContext cx, WitValue value, long address) {
            cx.memory.storeI16(address, value(value));
        }

        @Override
        WitValue liftScalar(long flat) {
            return new WitValue.S16((short) flat);
        }

        @Override
        long lowerScalar(WitValue value) {
            return value(value);
        }

        @Override
        Object liftJava(long flat) {
            return (short) flat;
        }

        @Override
        long lowerJava(Object value) {
            return inRange(this, value, Short.MIN_VALUE, Short.MAX_VALUE);
        }
    }

    static final class U16Codec extends ScalarCodec {
        U16Codec() {
            super(ValueType.Scalar.U16);
        }

        private int value(WitValue v) {
            return v instanceof WitValue.U16 x ? x.value() : (int) inRange(this, v, 0, 0xFFFF);
        }

        @Override
        WitValue load(CallContext cx, long address) {
            return new WitValue.U16(cx.memory.loadI16(address) & 0xFFFF);
        }

        @Override
        void store(CallContext cx, WitValue value, long address) {
            cx.memory.storeI16(address, (short) value(value));
        }

        @Override
        WitValue liftScalar(long flat) {
            return new WitValue.U16((int) flat & 0xFFFF);
        }

        @Override
        long lowerScalar(WitValue value) {
            return value(value);
        }

        @Override
        Object liftJava(long flat) {
            return (int) flat & 0xFFFF;
        }

        @Override
        long lowerJava(Object value) {
            return inRange(this, value, 0, 0xFFFF);
        }
    }

    static final class S32Codec extends ScalarCodec {
        S32Codec() {
            super(ValueType.Scalar.S32);
        }

        private int value(WitValue v) {
            return v instanceof WitValue.S32 x ? x.value() : (int) inRange(this, v, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }

        @Override
        WitValue load(CallContext cx, long address) {
            return new WitValue.S32(cx.memory.loadI32(address));
        }

        @Override
        void store(CallContext cx, WitValue value, long address) {
            cx.memory.storeI32(address, value(value));
        }

        @Override
        WitValue liftScalar(long flat) {
            return new WitValue.S32((int) flat);
        }

        @Override
        long lowerScalar(WitValue value) {
            return value(value);
        }

        @Override
        Object liftJava(long flat) {
            return (int) flat;
        }

        @Override
        long lowerJava(Object value) {
            return inRange(this, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
    }

    static final class U32Codec extends ScalarCodec {
        U32Codec() {
            super(ValueType.Scalar.U32);
        }

        private int value(WitValue v) {
            return (int) (v instanceof WitValue.U32 x ? x.value() : inRange(this, v, 0, 0xFFFF_FFFFL));
        }

        @Override
        WitValue load(CallContext cx, long address) {
            return new WitValue.U32(cx.memory.loadI32(address) & 0xFFFF_FFFFL);
        }

        @Override
        void store(CallContext cx, WitValue value, long address) {
            cx.memory.storeI32(address, value(value));
        }

        @Override
        WitValue liftScalar(long flat) {
            return new WitValue.U32((flat & 0xFFFF_FFFFL));
        }

        @Override
        long lowerScalar(WitValue value) {
            // an i32 is the int's value in a long, as Chicory passes it
            return value(value);
        }

        @Override
        Object liftJava(long flat) {
            return flat & 0xFFFF_FFFFL;
        }

        @Override
        long lowerJava(Object value) {
            return (int) inRange(this, value, 0, 0xFFFF_FFFFL);
        }
    }

    static final class S64Codec extends ScalarCodec {
        S64Codec() {
            super(ValueType.Scalar.S64);
        }

        private long value(WitValue v) {
            return v instanceof WitValue.S64 x ? x.value() : integerValue(this, v);
        }

        @Override
        WitValue load(CallContext cx, long address) {
            return new WitValue.S64(cx.memory.loadI64(address));
        }

        @Override
        void store(CallContext cx, WitValue value, long address) {
            cx.memory.storeI64(address, value(value));
        }

        @Override
        WitValue liftScalar(long flat) {
            return new WitValue.S64(flat);
        }

        @Override
        long lowerScalar(WitValue value) {
            return value(value);
        }

        @Override
        Object liftJava(long flat) {
            return flat;
        }

        @Override
        long lowerJava(Object value) {
            return inRange(this, value, Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    static final class U64Codec extends ScalarCodec {
        U64Codec() {
            super(ValueType.Scalar.U64);
        }

        private long value(WitValue v) {
            if (v instanceof WitValue.U64 x) {
                return x.value();
            }
            return inRange(this, v, 0, Long.MAX_VALUE);
        }

        @Override
        WitValue load(CallContext cx, long address) {
            return new WitValue.U64(cx.memory.loadI64(address));
        }

        @Override
        void store(CallContext cx, WitValue value, long address) {
            cx.memory.storeI64(address, value(value));
        }

        @Override
        WitValue liftScalar(long flat) {
            return new WitValue.U64(flat);
        }

        @Override
        long lowerScalar(WitValue value) {
            return value(value);
        }

        @Override
        Object liftJava(long flat) {
            return flat;
        }

        @Override
        long lowerJava(Object value) {
            // a Java long holds the u64's bits, as the generated bindings declare it
            return inRange(this, value, Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    static final class F32Codec extends ScalarCodec {
        F32Codec() {
            super(ValueType.Scalar.F32);
        }

        private int bits(WitValue v) {
            if (v instanceof WitValue.F32 x) {
                float f = x.value();
                return f != f ? CANONICAL_F32_NAN : Float.floatToRawIntBits(f);
            }
            throw mismatch(v);
        }

        private static WitValue lift(int bits) {
            float f = Float.intBitsToFloat(bits);
            return new WitValue.F32(f != f ? Float.NaN : f);
        }

        @Override
        WitValue load(CallContext cx, long address) {
            return lift(cx.memory.loadI32(address));
        }

        @Override
        void store(CallContext cx, WitValue value, long address) {
            cx.memory.storeI32(address, bits(value));
        }

        @Override
        WitValue liftScalar(long flat) {
            return lift((int) flat);
        }

        @Override
        long lowerScalar(WitValue value) {
            return bits(value);
        }

        @Override
        Object liftJava(long flat) {
            return ((WitValue.F32) lift((int) flat)).value();
        }

        @Override
        long lowerJava(Object value) {
            if (value instanceof Float f) {
                return bits(new WitValue.F32(f));
            }
            throw javaMismatch(this, value);
        }
    }

    static final class F64Codec extends ScalarCodec {
        F64Codec() {
            super(ValueType.Scalar.F64);
        }

        private long bits(WitValue v) {
            if (v instanceof WitValue.F64 x) {
                double d = x.value();
                return d != d ? CANONICAL_F64_NAN : Double.doubleToRawLongBits(d);
            }
            throw mismatch(v);
        }

        private static WitValue lift(long bits) {
            double d = Double.longBitsToDouble(bits);
            return new WitValue.F64(d != d ? Double.NaN : d);
        }

        @Override
        WitValue load(CallContext cx, long address) {
            return lift(cx.memory.loadI64(address));
        }

        @Override
        void store(CallContext cx, WitValue value, long address) {
            cx.memory.storeI64(address, bits(value));
        }

        @Override
        WitValue liftScalar(long flat) {
            return lift(flat);
        }

        @Override
        long lowerScalar(WitValue value) {
            return bits(value);
        }

        @Override
        Object liftJava(long flat) {
            return ((WitValue.F64) lift(flat)).value();
        }

        @Override
        long lowerJava(Object value) {
            if (value instanceof Double d) {
                return bits(new WitValue.F64(d));
            }
            throw javaMismatch(this, value);
        }
    }

    static final class CharCodec extends ScalarCodec {
        CharCodec() {
            super(ValueType.Scalar.CHAR);
        }

        private int codePoint(WitValue v) {
            if (v instanceof WitValue.Char c) {
                return c.codePoint();
            }
            throw mismatch(v);
        }

        /** {@code convert_i32_to_char}: only Unicode scalar values are chars. */
        private static WitValue lift(int i, long address) {
            if (Integer.compareUnsigned(i, 0x110000) >= 0 || (i >= 0xD800 && i <= 0xDFFF)) {
                throw new CanonicalAbiTrap("invalid char " + hex(Integer.toUnsignedLong(i))
                        + (address < 0 ? "" : " at " + hex(address)) + ": not a Unicode scalar value");
            }
            return new WitValue.Char(i);
        }

        @Override
        WitValue load(CallContext cx, long address) {
            return lift(cx.memory.loadI32(address), address);
        }

        @Override
        void store(CallContext cx, WitValue value, long address) {
            cx.memory.storeI32(address, codePoint(value));
        }

        @Override
        WitValue liftScalar(long flat) {
            return lift((int) flat, -1);
        }

        @Override
        long lowerScalar(WitValue value) {
            return codePoint(value);
        }

        @Override
        Object liftJava(long flat) {
            return ((WitValue.Char) lift((int) flat, -1)).codePoint();
        }

        @Override
        long lowerJava(Object value) {
            return codePoint(new WitValue.Char((int) inRange(this, value, 0, 0x10FFFF)));
        }
    }
}
