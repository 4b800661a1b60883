package dev.witbox.wave;

import dev.witbox.abi.ValueType;
import dev.witbox.api.value.WitValue;
import java.util.List;

/**
 * Writes values as canonical WAVE, the text wasm-wave and the reference host (jco, through
 * tests/guests' oracle) write: one spelling per value, so printed results can be compared as text.
 * See {@link Wave#print} for the rules.
 */
final class WavePrinter {

    private final StringBuilder out = new StringBuilder();

    static String print(WitValue value, ValueType type) {
        WavePrinter p = new WavePrinter();
        p.write(value, type);
        return p.out.toString();
    }

    private void write(WitValue value, ValueType type) {
        if (value instanceof WitValue.Handle h) {
            // Not WAVE: resources have no text form. This is the reference host's notation.
            out.append("<resource ").append(h.handle().resourceName()).append('>');
            return;
        }
        if (type instanceof ValueType.Scalar s) {
            scalar(value, s);
        } else if (type instanceof ValueType.ListOf l) {
            list(value, l.element());
        } else if (type instanceof ValueType.FixedListOf f) {
            list(value, f.element());
        } else if (type instanceof ValueType.MapOf m) {
            list(value, m.entries().element()); // as the ABI passes it: [(key, value), ...], every pair
        } else if (type instanceof ValueType.TupleOf t) {
            List<WitValue> items = cast(value, WitValue.Tuple.class, type).elements();
            checkSize(items.size(), t.elements().size(), type);
            out.append('(');
            for (int i = 0; i < items.size(); i++) {
                separator(i);
                write(items.get(i), t.elements().get(i));
            }
            out.append(')');
        } else if (type instanceof ValueType.RecordOf r) {
            record(cast(value, WitValue.Record.class, type), r);
        } else if (type instanceof ValueType.VariantOf v) {
            WitValue.Variant variant = cast(value, WitValue.Variant.class, type);
            ValueType.Case c = v.cases().stream().filter(k -> k.name().equals(variant.caseName())).findFirst()
                    .orElseThrow(() -> mismatch(value, type));
            label(c.name());
            payload(variant.payload(), c.payload(), value, type);
        } else if (type instanceof ValueType.EnumOf e) {
            WitValue.Enum en = cast(value, WitValue.Enum.class, type);
            if (!e.cases().contains(en.caseName())) {
                throw mismatch(value, type);
            }
            label(en.caseName());
        } else if (type instanceof ValueType.OptionOf o) {
            WitValue.Option opt = cast(value, WitValue.Option.class, type);
            if (opt.isSome()) {
                out.append("some(");
                write(opt.value(), o.element());
                out.append(')');
            } else {
                out.append("none");
            }
        } else if (type instanceof ValueType.ResultOf r) {
            WitValue.Result res = cast(value, WitValue.Result.class, type);
            out.append(res.isOk() ? "ok" : "err");
            payload(res.payload(), res.isOk() ? r.ok() : r.err(), value, type);
        } else if (type instanceof ValueType.FlagsOf f) {
            WitValue.Flags flags = cast(value, WitValue.Flags.class, type);
            out.append('{');
            int n = 0;
            for (String name : f.flags()) {
                if (flags.set().contains(name)) {
                    separator(n++);
                    label(name);
                }
            }
            if (n != flags.set().size()) {
                throw mismatch(value, type);
            }
            out.append('}');
        } else {
            throw mismatch(value, type); // a handle type with a value that is not a handle
        }
    }

    private void scalar(WitValue value, ValueType.Scalar type) {
        switch (type) {
            case BOOL -> out.append(cast(value, WitValue.Bool.class, type).value());
            case S8 -> out.append(cast(value, WitValue.S8.class, type).value());
            case S16 -> out.append(cast(value, WitValue.S16.class, type).value());
            case S32 -> out.append(cast(value, WitValue.S32.class, type).value());
            case S64 -> out.append(cast(value, WitValue.S64.class, type).value());
            case U8 -> out.append(cast(value, WitValue.U8.class, type).value());
            case U16 -> out.append(cast(value, WitValue.U16.class, type).value());
            case U32 -> out.append(cast(value, WitValue.U32.class, type).value());
            case U64 -> out.append(Long.toUnsignedString(cast(value, WitValue.U64.class, type).value()));
            case F32 -> out.append(Floats.format(cast(value, WitValue.F32.class, type).value()));
            case F64 -> out.append(Floats.format(cast(value, WitValue.F64.class, type).value()));
            case CHAR -> {
                out.append('\'');
                CharEscapes.append(out, cast(value, WitValue.Char.class, type).codePoint());
                out.append('\'');
            }
            case STRING -> {
                String s = cast(value, WitValue.Str.class, type).value();
                out.append('"');
                s.codePoints().forEach(cp -> CharEscapes.append(out, cp));
                out.append('"');
            }
        }
    }

    private void list(WitValue value, ValueType element) {
        out.append('[');
        if (value instanceof WitValue.Bytes bytes && element == ValueType.Scalar.U8) {
            byte[] b = bytes.value();
            for (int i = 0; i < b.length; i++) {
                separator(i);
                out.append(b[i] & 0xFF);
            }
        } else {
            List<WitValue> items = cast(value, WitValue.ListOf.class, element).elements();
            for (int i = 0; i < items.size(); i++) {
                separator(i);
                write(items.get(i), element);
            }
        }
        out.append(']');
    }

    /** Fields in declaration order; a field holding {@code none} is left out, as WAVE allows. */
    private void record(WitValue.Record record, ValueType.RecordOf type) {
        checkSize(record.fields().size(), type.fields().size(), type);
        out.append('{');
        int n = 0;
        for (int i = 0; i < type.fields().size(); i++) {
            ValueType.Field field = type.fields().get(i);
            WitValue v = record.fields().get(i).value();
            if (!record.fields().get(i).name().equals(field.name())) {
                throw mismatch(record, type);
            }
            if (field.type() instanceof ValueType.OptionOf && v instanceof WitValue.Option o && !o.isSome()) {
                continue;
            }
            separator(n++);
            label(field.name());
            out.append(": ");
            write(v, field.type());
        }
        if (n == 0) {
            out.append(':'); // "{:}": "{}" would read as empty flags
        }
        out.append('}');
    }

    private void payload(WitValue payload, ValueType payloadType, WitValue value, ValueType type) {
        if ((payload == null) != (payloadType == null)) {
            throw mismatch(value, type);
        }
        if (payload != null) {
            out.append('(');
            write(payload, payloadType);
            out.append(')');
        }
    }

    private void label(String name) {
        if (Node.KEYWORDS.contains(name)) {
            out.append('%');
        }
        out.append(name);
    }

    private void separator(int index) {
        if (index > 0) {
            out.append(", ");
        }
    }

    private static void checkSize(int actual, int expected, ValueType type) {
        if (actual != expected) {
            throw new IllegalArgumentException("a " + Types.describe(type) + " has " + expected
                    + " elements, the value has " + actual);
        }
    }

    private static <T extends WitValue> T cast(WitValue value, Class<T> kind, ValueType type) {
        if (kind.isInstance(value)) {
            return kind.cast(value);
        }
        throw mismatch(value, type);
    }

    private static IllegalArgumentException mismatch(WitValue value, ValueType type) {
        return new IllegalArgumentException("value " + value + " is not a " + Types.describe(type));
    }
}
