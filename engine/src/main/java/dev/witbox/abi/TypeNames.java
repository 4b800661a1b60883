package dev.witbox.abi;

import java.util.StringJoiner;

/** Short WIT-like spellings of value types, for trap and error messages. */
final class TypeNames {

    private TypeNames() {}

    static String of(ValueType type) {
        if (type instanceof ValueType.Scalar s) {
            return s.witName();
        } else if (type instanceof ValueType.ListOf l) {
            return "list<" + of(l.element()) + ">";
        } else if (type instanceof ValueType.MapOf m) {
            return "map<" + of(m.key()) + ", " + of(m.value()) + ">";
        } else if (type instanceof ValueType.FixedListOf l) {
            return "list<" + of(l.element()) + ", " + l.length() + ">";
        } else if (type instanceof ValueType.RecordOf r) {
            StringJoiner j = new StringJoiner(", ", "record {", "}");
            r.fields().forEach(f -> j.add(f.name()));
            return j.toString();
        } else if (type instanceof ValueType.TupleOf t) {
            StringJoiner j = new StringJoiner(", ", "tuple<", ">");
            t.elements().forEach(e -> j.add(of(e)));
            return j.toString();
        } else if (type instanceof ValueType.VariantOf v) {
            StringJoiner j = new StringJoiner(", ", "variant {", "}");
            v.cases().forEach(c -> j.add(c.name()));
            return j.toString();
        } else if (type instanceof ValueType.EnumOf e) {
            return "enum {" + String.join(", ", e.cases()) + "}";
        } else if (type instanceof ValueType.OptionOf o) {
            return "option<" + of(o.element()) + ">";
        } else if (type instanceof ValueType.ResultOf r) {
            return "result<" + (r.ok() == null ? "_" : of(r.ok())) + ", " + (r.err() == null ? "_" : of(r.err())) + ">";
        } else if (type instanceof ValueType.FlagsOf f) {
            return "flags {" + String.join(", ", f.flags()) + "}";
        } else if (type instanceof ValueType.OwnOf o) {
            return "own<" + o.resource().name() + ">";
        } else if (type instanceof ValueType.BorrowOf b) {
            return "borrow<" + b.resource().name() + ">";
        }
        throw new IllegalArgumentException("unknown value type " + type);
    }
}
