package dev.witbox.wave;

import dev.witbox.abi.FunctionType;
import dev.witbox.abi.ValueType;
import dev.witbox.api.value.WitValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The second phase of reading a script: names become functions, arguments are typed by their
 * parameters, and variables are checked against the type of the result they were bound to.
 */
final class ScriptBinder {

    private final String src;
    private final FunctionLookup lookup;
    /** Variable name to the type of the result bound to it. */
    private final Map<String, ValueType> variables = new HashMap<>();

    ScriptBinder(String src, FunctionLookup lookup) {
        this.src = src;
        this.lookup = lookup;
    }

    BoundScript bind(List<ScriptSyntax.Statement> statements) {
        List<Step> steps = new ArrayList<>();
        for (ScriptSyntax.Statement s : statements) {
            steps.add(s instanceof ScriptSyntax.Call c ? call(c) : drop((ScriptSyntax.Drop) s));
        }
        return new BoundScript(steps);
    }

    private Step drop(ScriptSyntax.Drop d) {
        ValueType type = variable(d.variable(), d.variableStart());
        if (!(type instanceof ValueType.OwnOf)) {
            throw WaveException.at(src, d.variableStart(), "drop needs an owned resource handle, but $" + d.variable()
                    + " holds " + Types.a(type), null);
        }
        // A variable stays bound after a drop: using a dropped handle is the guest's trap to report.
        return new Step.Drop(d.variable());
    }

    private Step call(ScriptSyntax.Call c) {
        ScriptFunction function = resolve(c.name(), c.nameStart());
        FunctionType type = function.type();
        List<FunctionType.Param> params = type.params();
        if (c.args().size() > params.size()) {
            ScriptSyntax.Arg extra = c.args().get(params.size());
            throw WaveException.at(src, extra.start(), "too many arguments: " + signature(function), null);
        }
        List<Step.Argument> args = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            FunctionType.Param param = params.get(i);
            if (i >= c.args().size()) {
                if (!(param.type() instanceof ValueType.OptionOf)) {
                    throw WaveException.at(src, c.close(), "missing argument '" + param.name() + "' ("
                            + Types.describe(param.type()) + "): " + signature(function), null);
                }
                args.add(new Step.Value(WitValue.Option.NONE)); // trailing options may be left out
                continue;
            }
            args.add(argument(c.args().get(i), param));
        }
        if (c.variable() != null) {
            if (type.result() == null) {
                throw WaveException.at(src, c.start(), "cannot bind $" + c.variable() + ": "
                        + function.qualifiedName() + " returns nothing", null);
            }
            variables.put(c.variable(), type.result());
        }
        return new Step.Call(c.variable(), function, args);
    }

    private Step.Argument argument(ScriptSyntax.Arg arg, FunctionType.Param param) {
        if (arg instanceof ScriptSyntax.ValueArg v) {
            boolean[] usesVariables = {false};
            WitValue value = new WaveReader(src, (var, type) -> {
                usesVariables[0] = true;
                ValueType held = variable(var.name(), var.start());
                if (!fits(held, type) && !(type instanceof ValueType.OptionOf o && fits(held, o.element()))) {
                    throw WaveException.at(src, var.start(), "$" + var.name() + " holds " + Types.a(held)
                            + ", but " + Types.a(type) + " is expected here (in parameter '" + param.name() + "')", null);
                }
                return PLACEHOLDER;
            }).read(v.node(), param.type());
            return usesVariables[0] ? new Step.WithVariables(src, v.node(), param.type(), variables) : new Step.Value(value);
        }
        ScriptSyntax.VarArg var = (ScriptSyntax.VarArg) arg;
        ValueType held = variable(var.name(), var.start());
        if (!fits(held, param.type()) && param.type() instanceof ValueType.OptionOf o && fits(held, o.element())) {
            // some($x) written as $x, as WAVE lets a literal stand for some(literal)
            Node.Var node = new Node.Var(var.name(), var.start(), var.start() + 1 + var.name().length());
            return new Step.WithVariables(src, node, param.type(), variables);
        }
        if (!fits(held, param.type())) {
            throw WaveException.at(src, var.start(), "$" + var.name() + " holds " + Types.a(held) + ", but parameter '"
                    + param.name() + "' is " + Types.a(param.type()), null);
        }
        return new Step.Variable(var.name());
    }

    /** Stands for a variable's value while a script is bound (the value exists only when it runs). */
    private static final WitValue PLACEHOLDER = new WitValue.Bool(false);

    /**
     * A variable's value where {@code type} is expected: as is, or as {@code some(value)} for an option of its
     * type (WAVE's shorthand, as for literals). The binder has checked that one of the two fits.
     */
    static WitValue asExpected(WitValue value, ValueType held, ValueType type) {
        return fits(held, type) ? value : new WitValue.Option(value);
    }

    /** An owned handle may be passed on as owned or lent; anything else must have the very type. */
    private static boolean fits(ValueType held, ValueType param) {
        if (held instanceof ValueType.OwnOf own) {
            if (param instanceof ValueType.BorrowOf b) {
                return b.resource() == own.resource();
            }
        }
        return held.equals(param);
    }

    private ValueType variable(String name, int at) {
        ValueType type = variables.get(name);
        if (type == null) {
            String known = variables.isEmpty() ? "no variable is bound before this point"
                    : "bound so far: " + variables.keySet().stream().sorted().map(n -> "$" + n)
                            .collect(Collectors.joining(", "));
            throw WaveException.at(src, at, "unknown variable $" + name + " (" + known + ")", null);
        }
        return type;
    }

    private ScriptFunction resolve(String name, int at) {
        List<ScriptFunction> matches = lookup.candidates(name);
        if (matches.isEmpty()) {
            List<String> available = lookup.functions().stream().map(ScriptFunction::qualifiedName).sorted().toList();
            throw WaveException.at(src, at, "unknown function '" + name + "'; "
                    + (available.isEmpty() ? "there are no functions to call"
                            : "available: " + String.join(", ", available)), null);
        }
        if (matches.size() > 1) {
            throw WaveException.at(src, at, "ambiguous function name '" + name + "': it matches "
                    + matches.stream().map(ScriptFunction::qualifiedName).sorted().collect(Collectors.joining(", "))
                    + "; write one of these", null);
        }
        ScriptFunction f = matches.get(0);
        if (f.type() == null) {
            throw WaveException.at(src, at, "cannot call '" + f.qualifiedName() + "': " + f.unsupported(), null);
        }
        return f;
    }

    private static String signature(ScriptFunction f) {
        FunctionType t = f.type();
        String params = t.params().stream().map(p -> p.name() + ": " + Types.describe(p.type()))
                .collect(Collectors.joining(", "));
        return f.qualifiedName() + " takes " + t.params().size() + (t.params().size() == 1 ? " argument" : " arguments")
                + " (" + params + ")";
    }
}
