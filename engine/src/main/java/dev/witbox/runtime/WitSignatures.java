package dev.witbox.runtime;

import dev.witbox.abi.FunctionType;
import dev.witbox.abi.ValueType;
import java.util.stream.Collectors;

/**
 * WIT-like text of types, for link errors and listings: {@code func(a: u32, b: u32) -> u32}, every named
 * type spelled out ({@code record { x: s32, y: s32 }}), resources by name. Generated bindings carry this
 * text of each function they were generated for, so that binding compares it with the plugin's.
 */
public final class WitSignatures {

    private WitSignatures() {}

    public static String of(FunctionType type) {
        String params = type.params().stream().map(p -> p.name() + ": " + of(p.type()))
                .collect(Collectors.joining(", "));
        return "func(" + params + ")" + (type.result() == null ? "" : " -> " + of(type.result()));
    }

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
            return "record { " + r.fields().stream().map(f -> f.name() + ": " + of(f.type()))
                    .collect(Collectors.joining(", ")) + " }";
        } else if (type instanceof ValueType.TupleOf t) {
            return "tuple<" + t.elements().stream().map(WitSignatures::of)
                    .collect(Collectors.joining(", ")) + ">";
        } else if (type instanceof ValueType.VariantOf v) {
            return "variant { " + v.cases().stream()
                    .map(c -> c.payload() == null ? c.name() : c.name() + "(" + of(c.payload()) + ")")
                    .collect(Collectors.joining(", ")) + " }";
        } else if (type instanceof ValueType.EnumOf e) {
            return "enum { " + String.join(", ", e.cases()) + " }";
        } else if (type instanceof ValueType.OptionOf o) {
            return "option<" + of(o.element()) + ">";
        } else if (type instanceof ValueType.ResultOf r) {
            return r.ok() == null && r.err() == null ? "result"
                    : r.err() == null ? "result<" + of(r.ok()) + ">"
                    : "result<" + (r.ok() == null ? "_" : of(r.ok())) + ", " + of(r.err()) + ">";
        } else if (type instanceof ValueType.FlagsOf f) {
            return "flags { " + String.join(", ", f.flags()) + " }";
        } else if (type instanceof ValueType.OwnOf o) {
            return o.resource().name();
        } else if (type instanceof ValueType.BorrowOf b) {
            return "borrow<" + b.resource().name() + ">";
        }
        throw new IllegalStateException("unexpected: " + type);
    }

    /**
     * Whether a host implementation typed {@code provided} fits an import typed {@code expected}: the same
     * structure and names; resource types match by name, since the host cannot hold the plugin's own
     * resource type objects before it is loaded.
     */
    static boolean matches(FunctionType expected, FunctionType provided) {
        if (expected == provided) {
            return true; // a host written against the plugin's own import type (WASI), linked again per pooled lease
        }
        if (expected.params().size() != provided.params().size()) {
            return false;
        }
        for (int i = 0; i < expected.params().size(); i++) {
            if (!matches(expected.params().get(i).type(), provided.params().get(i).type())) {
                return false;
            }
        }
        return expected.result() == null ? provided.result() == null
                : provided.result() != null && matches(expected.result(), provided.result());
    }

    private static boolean matches(ValueType a, ValueType b) {
        if (a instanceof ValueType.OwnOf x && b instanceof ValueType.OwnOf y) {
            return x.resource().name().equals(y.resource().name());
        }
        if (a instanceof ValueType.BorrowOf x && b instanceof ValueType.BorrowOf y) {
            return x.resource().name().equals(y.resource().name());
        }
        // no handles inside: structural equality of the records is exact; with handles, compare as text
        return a.equals(b) || of(a).equals(of(b));
    }
}
