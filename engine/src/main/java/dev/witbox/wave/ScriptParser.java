package dev.witbox.wave;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The syntax of {@code witbox call} scripts, without any types:
 *
 * <pre>
 * script    := statement (';' statement)* [';']
 * statement := ['$' var '='] name '(' [arg (',' arg)* [',']] ')'  |  'drop' '(' '$' var ')'
 * arg       := '$' var | WAVE value
 * </pre>
 *
 * Function names are canonical ABI names ({@code add}, {@code ns:pkg/iface@1.0.0#f},
 * {@code [method]counter.get}, {@code api#[static]counter.make}). {@code drop($x)} is always the
 * drop statement, even if a function is named {@code drop}.
 */
final class ScriptParser {

    private static final Pattern NAME = Pattern.compile("[A-Za-z%\\[][A-Za-z0-9_:/@.#%+\\-\\[\\]]*");

    private final String src;
    private final WaveParser wave;

    private ScriptParser(String src) {
        this.src = src;
        this.wave = new WaveParser(src, 0);
    }

    static List<ScriptSyntax.Statement> parse(String text) {
        return new ScriptParser(text).script();
    }

    private List<ScriptSyntax.Statement> script() {
        List<ScriptSyntax.Statement> statements = new ArrayList<>();
        statements.add(statement());
        while (wave.peek() == ';') {
            wave.expect(';', "';'");
            if (wave.peek() < 0) {
                break; // a trailing ';'
            }
            statements.add(statement());
        }
        if (wave.peek() >= 0) {
            throw wave.fail(wave.pos(), "';' between statements, or the end of the script", wave.tokenEnd(wave.pos()));
        }
        return statements;
    }

    private ScriptSyntax.Statement statement() {
        int start = at();
        String variable = null;
        if (wave.peek() == '$') {
            variable = variable("a variable");
            wave.expect('=', "'=' after $" + variable + " (a statement binds with $name = call(...))");
        }
        int nameStart = at();
        String name = name();
        if (variable == null && name.equals("drop") && lookingAtDropArgument()) {
            wave.expect('(', "'('");
            int varStart = at();
            String dropped = variable("$name of the resource to drop");
            wave.expect(')', "')' after drop($" + dropped);
            return new ScriptSyntax.Drop(dropped, varStart, start);
        }
        wave.expect('(', "'(' after the function name " + name);
        List<ScriptSyntax.Arg> args = new ArrayList<>();
        if (wave.peek() == ')') {
            int close = at();
            wave.expect(')', "')'");
            return new ScriptSyntax.Call(variable, start, name, nameStart, args, close);
        }
        while (true) {
            args.add(argument());
            int c = wave.peek();
            if (c == ',') {
                wave.expect(',', "','");
                c = wave.peek();
                if (c == ')') {
                    int close = at();
                    wave.expect(')', "')'");
                    return new ScriptSyntax.Call(variable, start, name, nameStart, args, close);
                }
            } else if (c == ')') {
                int close = at();
                wave.expect(')', "')'");
                return new ScriptSyntax.Call(variable, start, name, nameStart, args, close);
            } else {
                throw wave.fail(wave.pos(), "',' or ')' after an argument", wave.tokenEnd(wave.pos()));
            }
        }
    }

    private boolean lookingAtDropArgument() {
        int save = wave.pos();
        WaveParser probe = new WaveParser(src, save);
        if (probe.peek() != '(') {
            return false;
        }
        probe.expect('(', "'('");
        return probe.peek() == '$';
    }

    private ScriptSyntax.Arg argument() {
        if (wave.peek() == '$') {
            int start = at();
            return new ScriptSyntax.VarArg(variable("a variable"), start);
        }
        return new ScriptSyntax.ValueArg(wave.value());
    }

    /** {@code $name}; returns the name without the {@code $}. */
    private String variable(String what) {
        int start = at();
        if (wave.peek() != '$') {
            throw wave.fail(start, what, wave.tokenEnd(start));
        }
        int i = start + 1;
        if (i >= src.length() || !(WaveParser.isLetter(src.charAt(i)) || src.charAt(i) == '_')) {
            throw wave.fail(start, what + " ($ and a name, like $c)", Math.min(i + 1, src.length()));
        }
        while (i < src.length() && (WaveParser.isLabelChar(src.charAt(i)) || src.charAt(i) == '_')) {
            i++;
        }
        skipTo(i);
        return src.substring(start + 1, i);
    }

    private String name() {
        int start = at();
        int i = start;
        while (i < src.length() && "(); \t\r\n,=$".indexOf(src.charAt(i)) < 0) {
            i++;
        }
        String name = src.substring(start, i);
        if (!NAME.matcher(name).matches()) {
            throw wave.fail(start, "a function name (like add, ns:pkg/iface#f or [method]counter.get)",
                    Math.max(i, start + 1));
        }
        skipTo(i);
        return name;
    }

    /** The position of the next significant character. */
    private int at() {
        wave.peek();
        return wave.pos();
    }

    private void skipTo(int i) {
        wave.advanceTo(i);
    }
}
