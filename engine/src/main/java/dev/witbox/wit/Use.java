package dev.witbox.wit;

import java.util.List;

/**
 * A {@code use iface.{a, b as c};} statement inside an interface or world. Each name points at the
 * very {@link TypeDef} of the interface it came from (which may itself have got it by {@code use}).
 */
public record Use(Interface from, List<UseName> names, Stability stability) {

    public Use {
        names = List.copyOf(names);
    }

    /**
     * One imported name: {@code name} as exported by {@code from}, {@code localName} as visible
     * here (equal to {@code name} unless renamed with {@code as}).
     */
    public record UseName(String name, String localName, TypeDef type) {
    }
}
