package dev.witbox.wave;

import dev.witbox.abi.ValueType;
import dev.witbox.api.value.WitValue;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The typed half of reading WAVE: an untyped {@link Node} and the type it must have give a
 * {@link WitValue}. The type decides what the text means: {@code 1} is a number of the expected
 * width, {@code {a, b}} is flags, {@code 5} for an {@code option<u32>} is {@code some(5)}.
 */
final class WaveReader {

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

    /** What a {@code $name} inside a value stands for; only scripts have variables. */
    interface Variables {
        /** The value of {@code variable}, which must fit {@code type} (else a {@link WaveException}). */
        WitValue value(Node.Var variable, ValueType type);
    }

    private final String src;
    private final Variables variables;

    WaveReader(String src) {
        this(src, null);
    }

    WaveReader(String src, Variables variables) {
        this.src = src;
        this.variables = variables;
    }

    WitValue read(Node node, ValueType type) {
        if (node instanceof Node.Var v) {
            if (variables == null) {
                throw expected(node, Types.a(type) + " ($variables exist only in witbox call scripts)");
            }
            return variables.value(v, type);
        }
        if (type instanceof ValueType.Scalar s) {
            return scalar(node, s);
        }
        if (type instanceof ValueType.ListOf l) {
            Node.ListNode list = as(node, Node.ListNode.class, type);
            if (l.element() == ValueType.Scalar.U8) {
                byte[] bytes = new byte[list.items().size()];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) ((WitValue.U8) scalar(list.items().get(i), ValueType.Scalar.U8)).value();
                }
                return new WitValue.Bytes(bytes);
            }
            return new WitValue.ListOf(readAll(list.items(), l.element()));
        }
        if (type instanceof ValueType.MapOf m) {
            // a map is written as the ABI passes it, a list of (key, value) tuples: [("a", 1), ("b", 2)]
            Node.ListNode list = as(node, Node.ListNode.class, type);
            return new WitValue.ListOf(readAll(list.items(), m.entries().element()));
        }
        if (type instanceof ValueType.FixedListOf f) {
            Node.ListNode list = as(node, Node.ListNode.class, type);
            if (list.items().size() != f.length()) {
                throw expected(node, Types.a(type) + " (exactly " + f.length() + " elements, not "
                        + list.items().size() + ")");
            }
            return new WitValue.ListOf(readAll(list.items(), f.element()));
        }
        if (type instanceof ValueType.TupleOf t) {
            Node.Tuple tuple = as(node, Node.Tuple.class, type);
            if (tuple.items().size() != t.elements().size()) {
                throw expected(node, Types.a(type) + " (" + t.elements().size() + " elements, not "
                        + tuple.items().size() + ")");
            }
            List<WitValue> values = new ArrayList<>();
            for (int i = 0; i < t.elements().size(); i++) {
                values.add(read(tuple.items().get(i), t.elements().get(i)));
            }
            return new WitValue.Tuple(values);
        }
        if (type instanceof ValueType.RecordOf r) {
            return record(node, r);
        }
        if (type instanceof ValueType.VariantOf v) {
            return variant(node, v);
        }
        if (type instanceof ValueType.EnumOf e) {
            Node.Word w = label(node, type);
            if (w.payload() != null || !e.cases().contains(w.name())) {
                throw expected(node, Types.a(type));
            }
            return new WitValue.Enum(w.name());
        }
        if (type instanceof ValueType.OptionOf o) {
            return option(node, o);
        }
        if (type instanceof ValueType.ResultOf r) {
            return result(node, r);
        }
        if (type instanceof ValueType.FlagsOf f) {
            return flags(node, f);
        }
        // own / borrow
        throw WaveException.at(src, node.start(), Types.describe(type)
                + " has no WAVE form (in a script, pass a resource bound with '$name = ...')", null);
    }

    private List<WitValue> readAll(List<Node> items, ValueType element) {
        List<WitValue> values = new ArrayList<>(items.size());
        for (Node item : items) {
            values.add(read(item, element));
        }
        return values;
    }

    private WitValue scalar(Node node, ValueType.Scalar type) {
        switch (type) {
            case BOOL: {
                if (node instanceof Node.Word w && w.payload() == null && (w.isKeyword("true") || w.isKeyword("false"))) {
                    return new WitValue.Bool(w.name().equals("true"));
                }
                throw expected(node, "a bool (true or false)");
            }
            case CHAR:
                return new WitValue.Char(as(node, Node.Chr.class, type).codePoint());
            case STRING:
                return new WitValue.Str(as(node, Node.Str.class, type).value());
            case F32:
            case F64:
                return floating(node, type);
            default:
                return integer(node, type);
        }
    }

    private WitValue integer(Node node, ValueType.Scalar type) {
        String what = Types.describeInteger(type);
        if (!(node instanceof Node.Num num) || !INTEGER.matcher(num.text()).matches()) {
            throw expected(node, what);
        }
        String text = num.text();
        BigInteger v = new BigInteger(text);
        boolean signed = Types.isSigned(type);
        // Like Rust's integer parsing in wasm-wave, an unsigned type takes no sign, not even "-0".
        if (v.compareTo(Types.min(type)) < 0 || v.compareTo(Types.max(type)) > 0 || (!signed && text.startsWith("-"))) {
            throw expected(node, what);
        }
        long l = v.longValue();
        return switch (type) {
            case S8 -> new WitValue.S8((byte) l);
            case S16 -> new WitValue.S16((short) l);
            case S32 -> new WitValue.S32((int) l);
            case S64 -> new WitValue.S64(l);
            case U8 -> new WitValue.U8((int) l);
            case U16 -> new WitValue.U16((int) l);
            case U32 -> new WitValue.U32(l);
            case U64 -> new WitValue.U64(l);
            default -> throw new IllegalStateException(type.toString());
        };
    }

    private WitValue floating(Node node, ValueType.Scalar type) {
        double d;
        float f;
        if (node instanceof Node.Word w && w.payload() == null && (w.isKeyword("nan") || w.isKeyword("inf"))) {
            d = w.name().equals("nan") ? Double.NaN : Double.POSITIVE_INFINITY;
            f = (float) d;
        } else if (node instanceof Node.Num num) {
            if (num.text().equals("-inf")) {
                d = Double.NEGATIVE_INFINITY;
                f = Float.NEGATIVE_INFINITY;
            } else {
                // The text matched the JSON number grammar, which both parse methods accept; each
                // rounds the exact decimal value once, to its own precision (overflow gives inf).
                d = Double.parseDouble(num.text());
                f = Float.parseFloat(num.text());
            }
        } else {
            throw expected(node, "an " + type.witName() + " (a number, nan, inf or -inf)");
        }
        return type == ValueType.Scalar.F32 ? new WitValue.F32(f) : new WitValue.F64(d);
    }

    private WitValue record(Node node, ValueType.RecordOf type) {
        List<Node.FieldNode> given;
        if (node instanceof Node.Record r) {
            given = r.fields();
        } else if (node instanceof Node.Flags f && f.names().isEmpty()) {
            // "{}" reads as empty flags; for a record whose fields are all options it can only mean
            // every field is none, so accept it (wasm-wave insists on "{:}").
            given = List.of();
        } else {
            throw expected(node, Types.a(type));
        }
        Map<String, Node.FieldNode> byName = new HashMap<>();
        for (Node.FieldNode f : given) {
            byName.put(f.name(), f);
        }
        List<WitValue.Field> fields = new ArrayList<>();
        for (ValueType.Field field : type.fields()) {
            Node.FieldNode f = byName.remove(field.name());
            if (f != null) {
                fields.add(new WitValue.Field(field.name(), read(f.value(), field.type())));
            } else if (field.type() instanceof ValueType.OptionOf) {
                fields.add(new WitValue.Field(field.name(), WitValue.Option.NONE));
            } else {
                throw WaveException.at(src, node.start(), "missing field '" + field.name() + "' ("
                        + Types.describe(field.type()) + ") in " + Types.describe(type), null);
            }
        }
        for (Node.FieldNode f : given) {
            if (byName.containsKey(f.name())) {
                throw WaveException.at(src, f.nameStart(), "unknown field '" + f.name() + "' for "
                        + Types.describe(type), null);
            }
        }
        return new WitValue.Record(fields);
    }

    private WitValue variant(Node node, ValueType.VariantOf type) {
        Node.Word w = label(node, type);
        for (ValueType.Case c : type.cases()) {
            if (c.name().equals(w.name())) {
                if (c.payload() == null && w.payload() != null) {
                    throw WaveException.at(src, w.payload().start(), "case '" + c.name() + "' of "
                            + Types.describe(type) + " has no payload", null);
                }
                if (c.payload() != null && w.payload() == null) {
                    throw expected(node, "case '" + c.name() + "' with its payload, " + c.name() + "("
                            + Types.describe(c.payload()) + ")");
                }
                return new WitValue.Variant(c.name(), c.payload() == null ? null : read(w.payload(), c.payload()));
            }
        }
        throw expected(node, Types.a(type));
    }

    private WitValue option(Node node, ValueType.OptionOf type) {
        if (node instanceof Node.Word w && w.isKeyword("none")) {
            return WitValue.Option.NONE;
        }
        if (node instanceof Node.Word w && w.isKeyword("some")) {
            return new WitValue.Option(read(w.payload(), type.element()));
        }
        if (flattenable(type.element())) {
            // WAVE's "flat" some: the payload written alone.
            return new WitValue.Option(read(node, type.element()));
        }
        throw expected(node, Types.a(type) + " (some(...) or none)");
    }

    private WitValue result(Node node, ValueType.ResultOf type) {
        if (node instanceof Node.Word w && (w.isKeyword("ok") || w.isKeyword("err"))) {
            boolean ok = w.name().equals("ok");
            ValueType payloadType = ok ? type.ok() : type.err();
            if (payloadType == null && w.payload() != null) {
                throw WaveException.at(src, w.payload().start(), "'" + w.name() + "' of " + Types.describe(type)
                        + " has no payload", null);
            }
            if (payloadType != null && w.payload() == null) {
                throw expected(node, "'" + w.name() + "' with its payload, " + w.name() + "(" + Types.describe(payloadType) + ")");
            }
            return new WitValue.Result(ok, payloadType == null ? null : read(w.payload(), payloadType));
        }
        if (type.ok() != null && flattenable(type.ok())) {
            // WAVE's "flat" ok: the ok payload written alone.
            return new WitValue.Result(true, read(node, type.ok()));
        }
        throw expected(node, Types.a(type) + " (ok(...) or err(...))");
    }

    private WitValue flags(Node node, ValueType.FlagsOf type) {
        if (node instanceof Node.Record r && r.fields().isEmpty()) {
            throw expected(node, Types.a(type) + " ('{}' for no flags; '{:}' is the empty record)");
        }
        Node.Flags flags = as(node, Node.Flags.class, type);
        for (int i = 0; i < flags.names().size(); i++) {
            if (!type.flags().contains(flags.names().get(i))) {
                throw WaveException.at(src, flags.starts().get(i), "unknown flag '" + flags.names().get(i)
                        + "' for " + Types.describe(type), null);
            }
        }
        // declaration order, whatever order they were written in
        List<String> set = new ArrayList<>();
        for (String name : type.flags()) {
            if (flags.names().contains(name)) {
                set.add(name);
            }
        }
        return new WitValue.Flags(set);
    }

    /** Options and results nested directly in an option or result must be written in full. */
    private static boolean flattenable(ValueType payload) {
        return !(payload instanceof ValueType.OptionOf) && !(payload instanceof ValueType.ResultOf);
    }

    private Node.Word label(Node node, ValueType type) {
        if (node instanceof Node.Word w) {
            if (w.isKeyword()) {
                throw expected(node, Types.a(type) + " (a case named like a keyword is written %" + w.name()
                        + ")");
            }
            return w;
        }
        throw expected(node, Types.a(type));
    }

    private <T extends Node> T as(Node node, Class<T> kind, ValueType type) {
        if (kind.isInstance(node)) {
            return kind.cast(node);
        }
        throw expected(node, Types.a(type));
    }

    private WaveException expected(Node node, String what) {
        return WaveException.expected(src, node.start(), what, WaveException.snippet(src, node.start(), node.end()));
    }
}
