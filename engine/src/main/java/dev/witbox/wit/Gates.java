package dev.witbox.wit;

import static dev.witbox.wit.PackageResolver.q;

/**
 * The feature-gate rules for the items of one package (WIT.md, "Feature gates"): an item's gate
 * and whether it is enabled, gates of items inside gated containers, and references from one
 * gated item to another of the same package.
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

    /** An item inside a gated container must be gated at least as strictly. */
    void containment(SourceFile src, int pos, String item, Stability st, Stability container, String cdesc) {
        if (container instanceof Stability.Unknown) {
            return;
        }
        if (st instanceof Stability.Unknown) {
            throw diags.error(src, pos, item + " must be gated because " + cdesc + " is gated with "
                    + gateText(container));
        }
        if (container instanceof Stability.Since c && st instanceof Stability.Since s
                && s.version().compareTo(c.version()) < 0) {
            throw diags.error(src, pos, item + " is gated with " + gateText(st) + ", which is older than "
                    + cdesc + " (" + gateText(container) + ")");
        }
    }

    private static Stability ownerStability(TypeOwner o) {
        if (o instanceof Interface i) {
            return i.stability();
        }
        return ((World) o).stability();
    }

    private static WitPackage ownerPackage(TypeOwner o) {
        if (o instanceof Interface i) {
            return i.pkg();
        }
        return ((World) o).pkg();
    }

    /** An item referring to a gated type of the same package must be compatibly gated. */
    void checkRef(SourceFile src, int pos, String referrer, Stability rs, TypeDef target) {
        if (ownerPackage(target.owner()) != pkg) {
            return;
        }
        Stability ts = eff(target.stability(), ownerStability(target.owner()));
        checkGate(src, pos, referrer, rs, ts, "type " + q(target.name()));
    }

    /**
     * WIT.md, rules for feature gate usage: an item that refers to a gated interface or world of
     * the same package (import, export, include) must be compatibly gated.
     */
    void checkItemRef(SourceFile src, int pos, String referrer, Stability rs, Object target) {
        if (target instanceof Interface i && i.pkg() == pkg && i.name() != null) {
            checkGate(src, pos, referrer, rs, i.stability(), "interface " + q(i.name()));
        } else if (target instanceof World w && w.pkg() == pkg) {
            checkGate(src, pos, referrer, rs, w.stability(), "world " + q(w.name()));
        }
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

    private void checkGate(SourceFile src, int pos, String referrer, Stability rs, Stability ts, String tdesc) {
        boolean ok = compatible(rs, ts);
        if (!ok) {
            throw diags.error(src, pos, referrer + " refers to " + tdesc + ", which is gated with "
                    + gateText(ts) + ", but " + referrer + (rs instanceof Stability.Unknown ? " is not gated"
                            : " is gated with " + gateText(rs)));
        }
    }
}
