package dev.witbox.wave;

import java.util.List;
import java.util.Objects;

/**
 * A {@code witbox call} script, read in two phases: {@link #parse} checks only the syntax (so a
 * syntax error is reported with its column before any types are known), {@link #bind} resolves
 * the function names and reads the arguments as WAVE typed by the parameters.
 *
 * <pre>
 * $c = demo:res/api#[constructor]counter(5); [method]counter.increment($c, 3); drop($c)
 * </pre>
 *
 * <p>Statements are separated by {@code ;}. A statement is a call {@code name(arg, ...)},
 * optionally binding its result with {@code $name = call}, or {@code drop($name)}. Arguments are
 * WAVE values or {@code $name} references to earlier results (the only way to pass a resource
 * handle); trailing {@code option} arguments may be left out and are {@code none}. See
 * {@link FunctionLookup} for how names are matched.
 */
public final class Script {

    private final String text;
    private final List<ScriptSyntax.Statement> statements;

    private Script(String text, List<ScriptSyntax.Statement> statements) {
        this.text = text;
        this.statements = statements;
    }

    /**
     * Reads the syntax of {@code text}.
     *
     * @throws WaveException with the column of the first syntax error
     */
    public static Script parse(String text) {
        Objects.requireNonNull(text, "text");
        return new Script(text, List.copyOf(ScriptParser.parse(text)));
    }

    /** The script's text. */
    public String text() {
        return text;
    }

    /** The number of statements. */
    public int size() {
        return statements.size();
    }

    /**
     * Binds the script to the functions of {@code lookup}.
     *
     * @throws WaveException for an unknown or ambiguous function (listing the candidates), a wrong
     *                       number of arguments, an argument that does not fit its parameter, or
     *                       an unknown variable, with its column
     */
    public BoundScript bind(FunctionLookup lookup) {
        Objects.requireNonNull(lookup, "lookup");
        return new ScriptBinder(text, lookup).bind(statements);
    }
}
