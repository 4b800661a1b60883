package dev.witbox.abi;

import java.util.ArrayList;
import java.util.List;

/**
 * A tiny type syntax for test tables: scalars by WIT name, {@code list<T>}, {@code list<T, N>},
 * {@code record<T, ...>} (fields named f0, f1...), {@code tuple<...>}, {@code map<K, V>}, {@code variant<T|_, ...>}
 * (cases c0, c1..., {@code _} for none), {@code enum<N>}, {@code option<T>}, {@code result<T|_, E|_>},
 * {@code flags<N>}, {@code own}, {@code borrow}.
 */
final class TypeSyntax {

    static final ResourceType RESOURCE = new ResourceType("res");

    private final String text;
    private int pos;

    private TypeSyntax(String text) {
        this.text = text.replace(" ", "");
    }

    static ValueType parse(String text) {
        TypeSyntax p = new TypeSyntax(text);
        ValueType t = p.type();
        if (p.pos != p.text.length()) {
            throw new IllegalArgumentException("trailing text in " + text);
        }
        return t;
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private boolean eat(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private List<ValueType> args() {
        List<ValueType> out = new ArrayList<>();
        if (!eat('<')) {
            throw new IllegalArgumentException("expected < at " + pos + " in " + text);
        }
        do {
            if (text.startsWith("_", pos) && (text.charAt(pos + 1) == ',' || text.charAt(pos + 1) == '>')) {
                pos++;
                out.add(null);
            } else if (Character.isDigit(text.charAt(pos))) {
                out.add(new ValueType.FixedListOf(ValueType.Scalar.U8, Integer.parseInt(word()))); // a number
            } else {
                out.add(type());
            }
        } while (eat(','));
        eat('>');
        return out;
    }

    private static int number(ValueType t) {
        return ((ValueType.FixedListOf) t).length();
    }

    private ValueType type() {
        String w = word();
        for (ValueType.Scalar s : ValueType.Scalar.values()) {
            if (s.witName().equals(w)) {
                return s;
            }
        }
        switch (w) {
            case "own":
                return new ValueType.OwnOf(RESOURCE);
            case "borrow":
                return new ValueType.BorrowOf(RESOURCE);
            default:
                break;
        }
        List<ValueType> a = args();
        switch (w) {
            case "list":
                return a.size() == 1 ? new ValueType.ListOf(a.get(0)) : new ValueType.FixedListOf(a.get(0), number(a.get(1)));
            case "record": {
                List<ValueType.Field> fields = new ArrayList<>();
                for (int i = 0; i < a.size(); i++) {
                    fields.add(new ValueType.Field("f" + i, a.get(i)));
                }
                return new ValueType.RecordOf(fields);
            }
            case "tuple":
                return new ValueType.TupleOf(a);
            case "map":
                return new ValueType.MapOf(a.get(0), a.get(1));
            case "variant": {
                List<ValueType.Case> cases = new ArrayList<>();
                for (int i = 0; i < a.size(); i++) {
                    cases.add(new ValueType.Case("c" + i, a.get(i)));
                }
                return new ValueType.VariantOf(cases);
            }
            case "enum": {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < number(a.get(0)); i++) {
                    names.add("e" + i);
                }
                return new ValueType.EnumOf(names);
            }
            case "flags": {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < number(a.get(0)); i++) {
                    names.add("f" + i);
                }
                return new ValueType.FlagsOf(names);
            }
            case "option":
                return new ValueType.OptionOf(a.get(0));
            case "result":
                return new ValueType.ResultOf(a.get(0), a.get(1));
            default:
                throw new IllegalArgumentException("unknown type " + w + " in " + text);
        }
    }
}
