package dev.witbox.component;

/**
 * A component's imports and exports in the text format's terms, for components whose interface WIT cannot
 * express (a core module or a value imported or exported, an instance nested in an interface): what
 * {@code witbox inspect} prints instead of a world. A function's type is written out; other types are named
 * by their index in the component's type index space (see {@code inspect --verbose} for the index spaces).
 */
public final class ComponentTypeListing {

    private ComponentTypeListing() {
    }

    public static String print(Component c) {
        StringBuilder sb = new StringBuilder("(component\n");
        for (Import i : c.imports()) {
            sb.append("  (import \"").append(i.name().name()).append("\" ").append(extern(c, i.type())).append(")\n");
        }
        for (Export e : c.exports()) {
            String type = e.ascribedType().map(t -> extern(c, t)).orElseGet(() -> target(c, e.target()));
            sb.append("  (export \"").append(e.name().name()).append("\" ").append(type).append(")\n");
        }
        return sb.append(")\n").toString();
    }

    private static String extern(Component c, ExternType t) {
        if (t instanceof ExternType.Func f) {
            return funcType(c, f.typeIndex());
        }
        return ComponentDump.extern(t);
    }

    private static String funcType(Component c, int typeIndex) {
        Definition d = c.indexSpaces().resolve(new SortIndex(Sort.TYPE, typeIndex));
        return d instanceof TypeDef.Func f ? ComponentDump.type(f) : "(func (type " + typeIndex + "))";
    }

    private static String target(Component c, SortIndex target) {
        Definition d = c.indexSpaces().resolve(target);
        if (d instanceof Canon.Lift l) {
            return funcType(c, l.typeIndex());
        } else if (d instanceof Import i) {
            return extern(c, i.type());
        }
        return "(" + target.sort().text() + " " + target.index() + ")";
    }
}
