package dev.witbox.wave;

import dev.witbox.abi.WitTypes;
import dev.witbox.api.WitboxException;
import dev.witbox.wit.Function;
import dev.witbox.wit.World;
import dev.witbox.wit.WorldItem;
import java.util.ArrayList;
import java.util.List;

/**
 * The functions a script's names are bound against.
 *
 * <p>A name written in a script is matched by {@link #candidates}: the exact qualified name
 * ({@code demo:res/api@0.1.0#[method]counter.get}, or {@code add} at world level) always wins;
 * otherwise the interface part may leave out the version ({@code demo:res/api#get}) or be just
 * the interface's own name ({@code api#get}), and a name without {@code #} matches a function of
 * that name anywhere. More than one match is ambiguous.
 */
@FunctionalInterface
public interface FunctionLookup {

    /** Every function that may be called. */
    List<ScriptFunction> functions();

    /** The functions {@code written} may mean (see the class comment); empty when none. */
    default List<ScriptFunction> candidates(String written) {
        List<ScriptFunction> all = functions();
        for (ScriptFunction f : all) {
            if (f.qualifiedName().equals(written)) {
                return List.of(f);
            }
        }
        List<ScriptFunction> matches = new ArrayList<>();
        int hash = written.indexOf('#');
        if (hash >= 0) {
            String iface = written.substring(0, hash);
            String name = written.substring(hash + 1);
            for (ScriptFunction f : all) {
                if (f.interfaceName() != null && f.name().equals(name) && interfaceMatches(f.interfaceName(), iface)) {
                    matches.add(f);
                }
            }
        } else {
            for (ScriptFunction f : all) {
                if (f.name().equals(written)) {
                    matches.add(f);
                }
            }
        }
        return matches;
    }

    /** A lookup over a fixed list of functions. */
    static FunctionLookup of(List<ScriptFunction> functions) {
        List<ScriptFunction> copy = List.copyOf(functions);
        return () -> copy;
    }

    /**
     * The functions {@code world} exports: world-level functions by name, and every function of
     * every exported interface (resource constructors, methods and statics included) under the
     * interface's export name. Types are converted through {@code types}, so resources agree
     * across functions; a function whose types witbox cannot handle is listed with the reason.
     */
    static FunctionLookup exportsOf(World world, WitTypes types) {
        List<ScriptFunction> functions = new ArrayList<>();
        for (WorldItem item : world.exports()) {
            if (item instanceof WorldItem.FunctionItem fi) {
                functions.add(convert(null, fi.function(), types));
            } else if (item instanceof WorldItem.InterfaceItem ii) {
                for (Function f : ii.iface().allFunctions()) {
                    functions.add(convert(ii.externName(), f, types));
                }
            }
        }
        return of(functions);
    }

    private static ScriptFunction convert(String iface, Function f, WitTypes types) {
        try {
            return new ScriptFunction(iface, f.canonicalName(), types.functionType(f));
        } catch (WitboxException e) {
            return new ScriptFunction(iface, f.canonicalName(), null, e.getMessage());
        }
    }

    private static boolean interfaceMatches(String full, String written) {
        if (full.equals(written)) {
            return true;
        }
        int at = full.indexOf('@');
        String unversioned = at < 0 ? full : full.substring(0, at);
        if (unversioned.equals(written)) {
            return true;
        }
        int slash = unversioned.lastIndexOf('/');
        return slash >= 0 && unversioned.substring(slash + 1).equals(written);
    }
}
