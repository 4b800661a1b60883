package dev.witbox.wit;

import static dev.witbox.wit.PackageResolver.q;

/**
 * The feature-gate rules for the items of one package (WIT.md, "Feature gates"): an item's gate
 * and whether it is enabled. As in wit-parser, an item needs no gate of its own inside a gated
 * container (it takes the container's), and gates of referrer and referee are not compared;
 * what matters is that nothing enabled refers to something a disabled feature removed.
 */
final class Gates {

    private final Env env;
    private final Diags diags;
    private final WitPackage pkg;
    private final PackageName name;

    Gates(Env env, Diags diags, WitPackage pkg) {
        this.env = env;
        this.diags = diags;
        this.pkg = pkg;
        this.name = pkg.name();
    }

    /** Whether an item with gate {@code s} is enabled (an {@code @unstable} feature must be turned on). */
    boolean enabled(Stability s) {
        return !(s instanceof Stability.Unstable u) || env.options.isEnabled(u.feature());
    }

    /** The gate written in {@code a}; its versions must not be newer than the (versioned) package. */
    Stability stability(Ast.Attrs a, SourceFile src) {
        if (a.since() != null) {
            checkGateVersion(a.since(), "@since", a.sincePos(), src);
        }
        if (a.deprecated() != null) {
            checkGateVersion(a.deprecated(), "@deprecated", a.deprecatedPos(), src);
        }
        Version dep = a.deprecated() == null ? null : a.deprecated().version();
        if (a.since() != null) {
            return new Stability.Since(a.since().version(), dep);
        }
        if (a.unstable() != null) {
            return new Stability.Unstable(a.unstable().name(), dep);
        }
        return Stability.UNKNOWN;
    }

    private void checkGateVersion(Ast.VersionText v, String gate, int pos, SourceFile src) {
        if (name.version() == null) {
            throw diags.error(src, pos, gate + "(version = " + v.text() + ") needs a versioned package, but package '"
                    + name + "' has no version");
        }
        if (v.version().compareTo(name.version()) > 0) {
            throw diags.error(src, v.pos(), gate + " refers to version " + v.text()
                    + ", which is newer than package '" + name + "'");
        }
    }

    static String gateText(Stability s) {
        if (s instanceof Stability.Since since) {
            return "@since(version = " + since.version() + ")";
        }
        if (s instanceof Stability.Unstable u) {
            return "@unstable(feature = " + u.feature() + ")";
        }
        return "no gate";
    }

    /** The gate in effect for an item: its own, or its container's if it has none. */
    static Stability eff(Stability own, Stability container) {
        return own instanceof Stability.Unknown ? container : own;
    }

    /** Whether an item gated with {@code rs} may refer to one gated with {@code ts}. */
    private static boolean compatible(Stability rs, Stability ts) {
        if (ts instanceof Stability.Since) {
            // Any @since may refer to any other, whatever the versions: wasm-tools compares none, and
            // the released wasi:http@0.2.x has a @since(0.2.0) function using a @since(0.2.1) type.
            return rs instanceof Stability.Unstable || rs instanceof Stability.Since;
        }
        if (ts instanceof Stability.Unstable) {
            return rs instanceof Stability.Unstable;
        }
        return true;
    }

    /**
     * The gate of an import or export a world gets implicitly (a dependency of one of its
     * interfaces, or the source of a world {@code use}): the gate of the item that needs it,
     * unless that is weaker than the interface's own gate (same package), which it then takes,
     * so that the elaborated world obeys the gate rules and prints as valid WIT.
     */
    Stability implicitStability(Stability needer, Interface dep) {
        if (dep.pkg() != pkg || dep.name() == null || compatible(needer, dep.stability())) {
            return needer;
        }
        return dep.stability();
    }
}
