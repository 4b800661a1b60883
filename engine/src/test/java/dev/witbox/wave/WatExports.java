package dev.witbox.wave;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The WIT world of a component written as WAT text, for the guests under tests/guests/ that have
 * no WIT of their own (the oracle asks {@code jco wit} for it; witbox cannot decode components on
 * this branch). Reads the outer component's {@code (func (export "n") (param "p" T)... (result T))}
 * items, and re-exports {@code (export "n" (func $f))} of a nested component's function of that
 * name. Only the value types those guests use are understood; anything else fails the test.
 */
final class WatExports {

    private WatExports() {
    }

    /** {@code package test:NAME; world NAME { export f: func(...) -> ...; ... }}. */
    static String worldWit(String wat, String name) {
        List<Object> root = parse(wat);
        StringBuilder wit = new StringBuilder("package test:" + name + ";\n\nworld " + name + " {\n");
        Map<String, List<Object>> types = types(root);
        for (Object item : root) {
            if (!(item instanceof List<?> form) || form.isEmpty()) {
                continue;
            }
            if ("func".equals(form.get(0)) && exportName(cast(form)) != null) {
                wit.append("  export ").append(exportName(cast(form))).append(": ").append(signature(cast(form), types))
                        .append(";\n");
            } else if ("export".equals(form.get(0)) && form.size() == 3 && form.get(2) instanceof List<?> ref
                    && "func".equals(ref.get(0))) {
                String exported = unquote((String) form.get(1));
                Found inner = findNestedFunc(root, exported);
                if (inner == null) {
                    throw new IllegalArgumentException("no nested function for export " + exported);
                }
                wit.append("  export ").append(exported).append(": ").append(signature(inner.func(), inner.types()))
                        .append(";\n");
            }
        }
        return wit.append("}\n").toString();
    }

    /** A nested component's function and the types in its scope. */
    private record Found(List<Object> func, Map<String, List<Object>> types) {
    }

    private static Found findNestedFunc(List<Object> component, String name) {
        for (Object item : component) {
            if (item instanceof List<?> form && !form.isEmpty() && "component".equals(form.get(0))) {
                List<Object> c = cast(form);
                for (Object f : c) {
                    if (f instanceof List<?> ff && !ff.isEmpty() && "func".equals(ff.get(0))
                            && name.equals(exportName(cast(ff)))) {
                        return new Found(cast(ff), types(c));
                    }
                }
            }
        }
        return null;
    }

    private static Map<String, List<Object>> types(List<Object> component) {
        Map<String, List<Object>> types = new HashMap<>();
        for (Object item : component) {
            if (item instanceof List<?> form && form.size() == 3 && "type".equals(form.get(0))
                    && form.get(1) instanceof String id && id.startsWith("$")) {
                types.put(id, List.of(form.get(2)));
            }
        }
        return types;
    }

    private static String exportName(List<Object> func) {
        for (Object o : func) {
            if (o instanceof List<?> l && l.size() == 2 && "export".equals(l.get(0))) {
                return unquote((String) l.get(1));
            }
        }
        return null;
    }

    private static String signature(List<Object> func, Map<String, List<Object>> types) {
        List<String> params = new ArrayList<>();
        String result = null;
        for (Object o : func) {
            if (o instanceof List<?> l && !l.isEmpty()) {
                if ("param".equals(l.get(0))) {
                    params.add(unquote((String) l.get(1)) + ": " + type(l.get(2), types));
                } else if ("result".equals(l.get(0))) {
                    result = type(l.get(1), types);
                }
            }
        }
        return "func(" + String.join(", ", params) + ")" + (result == null ? "" : " -> " + result);
    }

    private static String type(Object t, Map<String, List<Object>> types) {
        if (t instanceof String s) {
            if (s.startsWith("$")) {
                List<Object> def = types.get(s);
                if (def == null) {
                    throw new IllegalArgumentException("unknown type " + s);
                }
                return type(def.get(0), types);
            }
            return s; // bool, u32, string, ...: WAT and WIT spell them alike
        }
        List<?> l = (List<?>) t;
        String head = (String) l.get(0);
        switch (head) {
            case "list":
                return "list<" + type(l.get(1), types) + ">";
            case "option":
                return "option<" + type(l.get(1), types) + ">";
            case "tuple": {
                List<String> parts = new ArrayList<>();
                for (Object e : l.subList(1, l.size())) {
                    parts.add(type(e, types));
                }
                return "tuple<" + String.join(", ", parts) + ">";
            }
            case "result": {
                String ok = "_";
                String err = null;
                for (Object e : l.subList(1, l.size())) {
                    if (e instanceof List<?> el && "error".equals(el.get(0))) {
                        err = type(el.get(1), types);
                    } else {
                        ok = type(e, types);
                    }
                }
                if (err == null) {
                    return ok.equals("_") ? "result" : "result<" + ok + ">";
                }
                return "result<" + ok + ", " + err + ">";
            }
            default:
                throw new IllegalArgumentException("WAT type not understood here: " + t);
        }
    }

    // ------------------------------------------------------------------ s-expressions

    static List<Object> parse(String wat) {
        int[] pos = {0};
        skip(wat, pos);
        List<Object> root = expect(wat, pos);
        return root;
    }

    private static List<Object> expect(String s, int[] pos) {
        if (s.charAt(pos[0]) != '(') {
            throw new IllegalArgumentException("expected ( at " + pos[0]);
        }
        pos[0]++;
        List<Object> items = new ArrayList<>();
        while (true) {
            skip(s, pos);
            char c = s.charAt(pos[0]);
            if (c == ')') {
                pos[0]++;
                return items;
            }
            if (c == '(') {
                items.add(expect(s, pos));
            } else if (c == '"') {
                int end = pos[0] + 1;
                while (s.charAt(end) != '"') {
                    end += s.charAt(end) == '\\' ? 2 : 1;
                }
                items.add(s.substring(pos[0], end + 1));
                pos[0] = end + 1;
            } else {
                int end = pos[0];
                while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && "()\"".indexOf(s.charAt(end)) < 0) {
                    end++;
                }
                items.add(s.substring(pos[0], end));
                pos[0] = end;
            }
        }
    }

    private static void skip(String s, int[] pos) {
        while (pos[0] < s.length()) {
            if (Character.isWhitespace(s.charAt(pos[0]))) {
                pos[0]++;
            } else if (s.startsWith(";;", pos[0])) {
                int nl = s.indexOf('\n', pos[0]);
                pos[0] = nl < 0 ? s.length() : nl;
            } else if (s.startsWith("(;", pos[0])) {
                pos[0] = s.indexOf(";)", pos[0]) + 2;
            } else {
                return;
            }
        }
    }

    private static String unquote(String s) {
        return s.substring(1, s.length() - 1);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> cast(List<?> l) {
        return (List<Object>) l;
    }
}
