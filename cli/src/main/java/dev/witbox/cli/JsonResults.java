package dev.witbox.cli;

import dev.witbox.abi.ValueType;
import dev.witbox.api.value.WitValue;
import dev.witbox.wave.BoundScript;
import dev.witbox.wave.Outcome;
import dev.witbox.wave.Step;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code witbox call --output json}: the outcomes of a script as one JSON document, an array with one object
 * per statement that ran (statements after a trap did not run and are not listed).
 *
 * <h2>Statements</h2>
 * <ul>
 *   <li>a call: {@code {"call": "demo:values/echo@0.1.0#echo-u8", "result": 7}}, plus {@code "var": "c"}
 *       when it binds {@code $c}; {@code "result": null} for a function without result (no WIT value is
 *       JSON {@code null});</li>
 *   <li>a drop: {@code {"drop": "c"}};</li>
 *   <li>a trap: {@code {"call": "...", "trap": "message"}} (a drop that traps: {@code {"drop": "c", "trap": ...}}).</li>
 * </ul>
 *
 * <h2>Values (directed by the WIT type)</h2>
 * <ul>
 *   <li>bool: {@code true}/{@code false}; u8..u32, s8..s32: numbers;</li>
 *   <li>u64, s64: always decimal strings ({@code "18446744073709551615"}), whatever the value, so that no
 *       JSON reader loses precision beyond 2^53 and the type of the field never depends on the value;</li>
 *   <li>f32, f64: numbers, the shortest decimal that reads back to the same float at the type's precision
 *       (Java's {@code Float.toString}/{@code Double.toString} digits, e.g. {@code 1.5}, {@code -0.0},
 *       {@code 1.4E-45});
 *       NaN and the infinities, which JSON has not, as the strings {@code "nan"}, {@code "inf"},
 *       {@code "-inf"};</li>
 *   <li>char, string: strings;</li>
 *   <li>list, tuple: arrays; record: an object with every field in declaration order;</li>
 *   <li>enum: the case name as a string; flags: an array of the set flags' names in declaration order;</li>
 *   <li>variant, option, result: {@code {"tag": "case"}} or {@code {"tag": "case", "val": payload}}: option
 *       cases are {@code none}/{@code some}, result cases {@code ok}/{@code err} (so {@code option<option<T>>}
 *       stays unambiguous);</li>
 *   <li>resource handles: {@code {"resource": "counter"}}, with {@code "var": "c"} when bound to {@code $c}.</li>
 * </ul>
 */
final class JsonResults {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonResults() {
    }

    /** The JSON document (one line, no trailing newline) for the outcomes of the first steps of a script. */
    static String format(BoundScript script, List<Outcome> outcomes) {
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < outcomes.size(); i++) {
            out.add(statement(script.steps().get(i), outcomes.get(i)));
        }
        return MAPPER.writeValueAsString(out);
    }

    private static ObjectNode statement(Step step, Outcome outcome) {
        ObjectNode o = NODES.objectNode();
        if (step instanceof Step.Drop d) {
            o.put("drop", d.variable());
        } else {
            Step.Call c = (Step.Call) step;
            o.put("call", c.function().qualifiedName());
            if (c.variable() != null) {
                o.put("var", c.variable());
            }
            if (outcome instanceof Outcome.Returned r) {
                ValueType type = c.function().type().result();
                o.set("result", type == null || r.value() == null ? NODES.nullNode() : value(r.value(), type, c.variable()));
            }
        }
        if (outcome instanceof Outcome.Trapped t) {
            o.put("trap", t.message());
        }
        return o;
    }

    /** A WIT value as JSON, directed by its type; {@code variable} names a bound top-level handle. */
    static JsonNode value(WitValue v, ValueType type, String variable) {
        if (type instanceof ValueType.Scalar s) {
            return scalar(v, s);
        } else if (type instanceof ValueType.ListOf l) {
            ArrayNode a = NODES.arrayNode();
            if (v instanceof WitValue.Bytes b) {
                for (byte x : b.value()) {
                    a.add(Byte.toUnsignedInt(x));
                }
            } else {
                for (WitValue e : ((WitValue.ListOf) v).elements()) {
                    a.add(value(e, l.element(), null));
                }
            }
            return a;
        } else if (type instanceof ValueType.MapOf m) {
            return value(v, m.entries(), null); // [[key, value], ...]: every pair, as the plugin returned them
        } else if (type instanceof ValueType.FixedListOf l) {
            ArrayNode a = NODES.arrayNode();
            for (WitValue e : ((WitValue.ListOf) v).elements()) {
                a.add(value(e, l.element(), null));
            }
            return a;
        } else if (type instanceof ValueType.TupleOf t) {
            ArrayNode a = NODES.arrayNode();
            List<WitValue> es = ((WitValue.Tuple) v).elements();
            for (int i = 0; i < es.size(); i++) {
                a.add(value(es.get(i), t.elements().get(i), null));
            }
            return a;
        } else if (type instanceof ValueType.RecordOf r) {
            ObjectNode o = NODES.objectNode();
            WitValue.Record rec = (WitValue.Record) v;
            for (ValueType.Field f : r.fields()) {
                o.set(f.name(), value(rec.get(f.name()), f.type(), null));
            }
            return o;
        } else if (type instanceof ValueType.VariantOf vt) {
            WitValue.Variant var = (WitValue.Variant) v;
            ValueType payload = vt.cases().stream().filter(k -> k.name().equals(var.caseName())).findFirst()
                    .map(ValueType.Case::payload).orElse(null);
            return tagged(var.caseName(), var.payload(), payload);
        } else if (type instanceof ValueType.EnumOf) {
            return NODES.stringNode(((WitValue.Enum) v).caseName());
        } else if (type instanceof ValueType.OptionOf o) {
            WitValue inner = ((WitValue.Option) v).value();
            return inner == null ? tagged("none", null, null) : tagged("some", inner, o.element());
        } else if (type instanceof ValueType.ResultOf r) {
            WitValue.Result res = (WitValue.Result) v;
            return res.isOk() ? tagged("ok", res.payload(), r.ok()) : tagged("err", res.payload(), r.err());
        } else if (type instanceof ValueType.FlagsOf) {
            ArrayNode a = NODES.arrayNode();
            ((WitValue.Flags) v).set().forEach(a::add);
            return a;
        } else if (type instanceof ValueType.OwnOf o) {
            return handle(o.resource().name(), variable);
        } else if (type instanceof ValueType.BorrowOf b) {
            return handle(b.resource().name(), variable);
        }
        throw new IllegalArgumentException("no JSON form for " + type);
    }

    private static ObjectNode tagged(String tag, WitValue payload, ValueType payloadType) {
        ObjectNode o = NODES.objectNode();
        o.put("tag", tag);
        if (payload != null && payloadType != null) {
            o.set("val", value(payload, payloadType, null));
        }
        return o;
    }

    private static ObjectNode handle(String resource, String variable) {
        ObjectNode o = NODES.objectNode();
        o.put("resource", resource);
        if (variable != null) {
            o.put("var", variable);
        }
        return o;
    }

    private static JsonNode scalar(WitValue v, ValueType.Scalar s) {
        return switch (s) {
            case BOOL -> NODES.booleanNode(((WitValue.Bool) v).value());
            case S8 -> NODES.numberNode(((WitValue.S8) v).value());
            case U8 -> NODES.numberNode(((WitValue.U8) v).value());
            case S16 -> NODES.numberNode(((WitValue.S16) v).value());
            case U16 -> NODES.numberNode(((WitValue.U16) v).value());
            case S32 -> NODES.numberNode(((WitValue.S32) v).value());
            case U32 -> NODES.numberNode(((WitValue.U32) v).value());
            case S64 -> NODES.stringNode(Long.toString(((WitValue.S64) v).value()));
            case U64 -> NODES.stringNode(Long.toUnsignedString(((WitValue.U64) v).value()));
            case F32 -> {
                float f = ((WitValue.F32) v).value();
                yield Float.isFinite(f) ? NODES.numberNode(f)
                        : NODES.stringNode(special(f));
            }
            case F64 -> {
                double d = ((WitValue.F64) v).value();
                yield Double.isFinite(d) ? NODES.numberNode(d)
                        : NODES.stringNode(special(d));
            }
            case CHAR -> NODES.stringNode(Character.toString(((WitValue.Char) v).codePoint()));
            case STRING -> NODES.stringNode(((WitValue.Str) v).value());
        };
    }

    private static String special(double d) {
        return Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf";
    }
}
