package dev.witbox.component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Renders the structure of a component as indented text (sections, index spaces, names). */
final class ComponentDump {

    private ComponentDump() {
    }

    static String dump(Component c) {
        StringBuilder sb = new StringBuilder();
        dump(c, sb, "");
        return sb.toString();
    }

    private static void dump(Component c, StringBuilder sb, String ind) {
        sb.append(ind).append("component (").append(c.size()).append(" bytes at ").append(at(c.offset())).append(")\n");
        c.names().flatMap(ComponentNames::componentName)
                .ifPresent(n -> sb.append(ind).append("  name: ").append(n).append('\n'));
        sb.append(ind).append("  sections:\n");
        for (Section s : c.sections()) {
            sb.append(ind).append("    ").append(at(s.offset())).append(' ').append(s.title())
                    .append(" (").append(s.size()).append(" bytes)").append(summary(s)).append('\n');
            if (s instanceof Section.Components nested) {
                dump(nested.component(), sb, ind + "      ");
            }
        }
        sb.append(ind).append("  index spaces:\n");
        IndexSpaces spaces = c.indexSpaces();
        for (Sort sort : Sort.values()) {
            List<Definition> defs = spaces.space(sort);
            if (defs.isEmpty()) {
                continue;
            }
            sb.append(ind).append("    ").append(sort.text()).append(" (").append(defs.size()).append("):\n");
            for (int i = 0; i < defs.size(); i++) {
                sb.append(ind).append("      ").append(i).append(": ").append(describe(defs.get(i)));
                int index = i;
                Optional<String> name = c.names().flatMap(n -> n.nameOf(sort, index));
                name.ifPresent(n -> sb.append("  ;; $").append(n));
                sb.append('\n');
            }
        }
        if (!c.unsupportedFeatures().isEmpty()) {
            sb.append(ind).append("  unsupported features:\n");
            for (UnsupportedFeature f : c.unsupportedFeatures()) {
                sb.append(ind).append("    ").append(at(f.offset())).append(' ').append(f.feature()).append('\n');
            }
        }
    }

    private static String at(long offset) {
        return "@0x" + Long.toHexString(offset);
    }

    private static String summary(Section s) {
        if (s instanceof Section.Custom c) {
            return ": \"" + c.name() + "\"";
        } else if (s instanceof Section.CoreModules m) {
            return ": core module of " + m.module().size() + " bytes";
        } else if (s instanceof Section.CoreInstances i) {
            return ": " + i.instances().size() + " core instances";
        } else if (s instanceof Section.CoreTypes t) {
            return ": " + t.types().size() + " core types";
        } else if (s instanceof Section.Instances i) {
            return ": " + i.instances().size() + " instances";
        } else if (s instanceof Section.Aliases a) {
            return ": " + a.aliases().size() + " aliases";
        } else if (s instanceof Section.Types t) {
            return ": " + t.types().size() + " types";
        } else if (s instanceof Section.Canons c) {
            return ": " + c.canons().size() + " canonical definitions";
        } else if (s instanceof Section.Imports i) {
            return ": " + i.imports().size() + " imports";
        } else if (s instanceof Section.Exports e) {
            return ": " + e.exports().size() + " exports";
        } else if (s instanceof Section.Values v) {
            return ": " + v.values().size() + " values";
        }
        return "";
    }

    /** One line describing what introduced an index. */
    static String describe(Definition d) {
        if (d == null) {
            return "?";
        } else if (d instanceof CoreModule m) {
            return "core module (" + m.size() + " bytes at " + at(m.offset()) + ")";
        } else if (d instanceof CoreInstance.Instantiate i) {
            StringBuilder sb = new StringBuilder("instantiate core module ").append(i.module());
            for (CoreInstance.Arg a : i.args()) {
                sb.append(" (with \"").append(a.name()).append("\" ").append(a.target()).append(')');
            }
            return sb.toString();
        } else if (d instanceof CoreInstance.FromExports e) {
            StringBuilder sb = new StringBuilder("core exports");
            for (CoreInstance.Export x : e.exports()) {
                sb.append(" (\"").append(x.name()).append("\" ").append(x.target()).append(')');
            }
            return sb.toString();
        } else if (d instanceof CoreType t) {
            return t instanceof CoreType.Module m ? "core module type (" + m.decls().size() + " decls)" : t.toString();
        } else if (d instanceof Component c) {
            return "nested component (" + c.size() + " bytes at " + at(c.offset()) + ")";
        } else if (d instanceof Instance.Instantiate i) {
            StringBuilder sb = new StringBuilder("instantiate component ").append(i.component());
            for (Instance.Arg a : i.args()) {
                sb.append(" (with \"").append(a.name()).append("\" ").append(a.target()).append(')');
            }
            return sb.toString();
        } else if (d instanceof Instance.FromExports e) {
            StringBuilder sb = new StringBuilder("instance of exports");
            for (Instance.Export x : e.exports()) {
                sb.append(" (").append(x.name()).append(' ').append(x.target()).append(')');
            }
            return sb.toString();
        } else if (d instanceof Alias.InstanceExport a) {
            return "alias export of instance " + a.instance() + " \"" + a.name() + "\"";
        } else if (d instanceof Alias.CoreInstanceExport a) {
            return "alias core export of core instance " + a.coreInstance() + " \"" + a.name() + "\"";
        } else if (d instanceof Alias.Outer a) {
            return "alias outer " + a.count() + " " + a.index();
        } else if (d instanceof TypeDef t) {
            return type(t);
        } else if (d instanceof Canon.Lift l) {
            return "canon lift (core func " + l.coreFunc() + ") " + opts(l.options()) + "(type " + l.typeIndex() + ")";
        } else if (d instanceof Canon.Lower l) {
            return ("canon lower (func " + l.func() + ") " + l.options()).trim();
        } else if (d instanceof Canon.ResourceNew n) {
            return "canon resource.new (type " + n.resourceType() + ")";
        } else if (d instanceof Canon.ResourceDrop n) {
            return "canon resource.drop (type " + n.resourceType() + ")";
        } else if (d instanceof Canon.ResourceRep n) {
            return "canon resource.rep (type " + n.resourceType() + ")";
        } else if (d instanceof Canon c) {
            return "canon " + builtin(c);
        } else if (d instanceof Import i) {
            return "import " + i.name() + " " + extern(i.type());
        } else if (d instanceof Export e) {
            return "export " + e.name() + " " + e.target() + e.ascribedType().map(t -> " " + extern(t)).orElse("");
        } else if (d instanceof Start.Result r) {
            return "result " + r.n() + " of start (func " + r.start().func() + ")";
        } else if (d instanceof Value v) {
            return "value " + v.type() + " (" + v.bytes().length + " bytes)";
        }
        return d.toString();
    }

    private static String builtin(Canon c) {
        if (c instanceof Canon.Builtin b) {
            return b.name();
        } else if (c instanceof Canon.TaskReturn t) {
            return ("task.return" + t.result().map(r -> " (result " + r + ")").orElse("") + " " + t.options()).trim();
        } else if (c instanceof Canon.Context x) {
            return x.name() + " " + x.type() + " " + x.slot();
        } else if (c instanceof Canon.Flagged f) {
            return f.name() + (f.flag() ? " (flag set)" : "");
        } else if (c instanceof Canon.Typed t) {
            return t.name() + " (type " + t.typeIndex() + ")";
        } else if (c instanceof Canon.TypedWithOptions t) {
            return (t.name() + " (type " + t.typeIndex() + ") " + t.options()).trim();
        } else if (c instanceof Canon.TypedFlagged t) {
            return t.name() + " (type " + t.typeIndex() + ")" + (t.async() ? " async" : "");
        } else if (c instanceof Canon.WithOptions w) {
            return (w.name() + " " + w.options()).trim();
        } else if (c instanceof Canon.WaitableSet w) {
            return w.name() + (w.cancellable() ? " cancellable" : "") + " (memory " + w.memory() + ")";
        } else if (c instanceof Canon.Thread t) {
            return t.name() + (t.shared() ? " shared" : "") + " (core type " + t.coreFuncType() + ")"
                    + t.table().map(x -> " (table " + x + ")").orElse("");
        }
        return c.toString();
    }

    private static String opts(CanonOptions o) {
        String s = o.toString();
        return s.isEmpty() ? "" : s + " ";
    }

    static String extern(ExternType t) {
        if (t instanceof ExternType.Module m) {
            return "(core module (type " + m.coreTypeIndex() + "))";
        } else if (t instanceof ExternType.Func f) {
            return "(func (type " + f.typeIndex() + "))";
        } else if (t instanceof ExternType.Component c) {
            return "(component (type " + c.typeIndex() + "))";
        } else if (t instanceof ExternType.Instance i) {
            return "(instance (type " + i.typeIndex() + "))";
        } else if (t instanceof ExternType.Type ty) {
            return ty.bound() instanceof ExternType.Eq eq ? "(type (eq " + eq.typeIndex() + "))" : "(type (sub resource))";
        }
        return "(value)";
    }

    static String type(TypeDef t) {
        if (t instanceof TypeDef.Func f) {
            StringBuilder sb = new StringBuilder("(func");
            if (f.async()) {
                sb.append(" async");
            }
            for (TypeDef.Param p : f.params()) {
                sb.append(" (param \"").append(p.name()).append("\" ").append(p.type()).append(')');
            }
            f.result().ifPresent(r -> sb.append(" (result ").append(r).append(')'));
            return sb.append(')').toString();
        } else if (t instanceof TypeDef.ComponentType c) {
            return "(component type, " + c.decls().size() + " declarators)";
        } else if (t instanceof TypeDef.InstanceType i) {
            Map<String, String> exports = new TreeMap<>();
            for (Decl d : i.decls()) {
                if (d instanceof Decl.ExportDecl e) {
                    exports.put(e.name().name(), extern(e.type()));
                }
            }
            return "(instance type, " + i.decls().size() + " declarators, exports " + exports.keySet() + ")";
        } else if (t instanceof TypeDef.Resource r) {
            return "(resource (rep " + r.representation() + ")"
                    + (r.destructor().isPresent() ? " (dtor (core func " + r.destructor().getAsInt() + "))" : "") + ")";
        } else if (t instanceof DefinedType.Primitive p) {
            return p.type().toString();
        } else if (t instanceof DefinedType.Record r) {
            StringBuilder sb = new StringBuilder("(record");
            r.fields().forEach(f -> sb.append(" (field \"").append(f.name()).append("\" ").append(f.type()).append(')'));
            return sb.append(')').toString();
        } else if (t instanceof DefinedType.Variant v) {
            StringBuilder sb = new StringBuilder("(variant");
            v.cases().forEach(c -> sb.append(" (case \"").append(c.name()).append('"')
                    .append(c.type().map(x -> " " + x).orElse("")).append(')'));
            return sb.append(')').toString();
        } else if (t instanceof DefinedType.ListType l) {
            return "(list " + l.element() + ")";
        } else if (t instanceof DefinedType.FixedList l) {
            return "(list " + l.element() + " " + l.length() + ")";
        } else if (t instanceof DefinedType.Tuple tu) {
            StringBuilder sb = new StringBuilder("(tuple");
            tu.types().forEach(x -> sb.append(' ').append(x));
            return sb.append(')').toString();
        } else if (t instanceof DefinedType.Flags f) {
            return "(flags " + quoted(f.labels()) + ")";
        } else if (t instanceof DefinedType.Enum e) {
            return "(enum " + quoted(e.labels()) + ")";
        } else if (t instanceof DefinedType.Option o) {
            return "(option " + o.type() + ")";
        } else if (t instanceof DefinedType.Result r) {
            return "(result" + r.ok().map(x -> " " + x).orElse("") + r.error().map(x -> " (error " + x + ")").orElse("") + ")";
        } else if (t instanceof DefinedType.Own o) {
            return "(own " + o.resourceType() + ")";
        } else if (t instanceof DefinedType.Borrow b) {
            return "(borrow " + b.resourceType() + ")";
        } else if (t instanceof DefinedType.Stream s) {
            return "(stream" + s.element().map(x -> " " + x).orElse("") + ")";
        } else if (t instanceof DefinedType.Future f) {
            return "(future" + f.element().map(x -> " " + x).orElse("") + ")";
        } else if (t instanceof DefinedType.MapType m) {
            return "(map " + m.key() + " " + m.value() + ")";
        }
        return t.toString();
    }

    private static String quoted(List<String> labels) {
        StringBuilder sb = new StringBuilder();
        for (String l : labels) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append('"').append(l).append('"');
        }
        return sb.toString();
    }
}
