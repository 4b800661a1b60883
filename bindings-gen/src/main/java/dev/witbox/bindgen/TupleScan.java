package dev.witbox.bindgen;

import dev.witbox.wit.Function;
import dev.witbox.wit.Interface;
import dev.witbox.wit.Param;
import dev.witbox.wit.Type;
import dev.witbox.wit.TypeDef;
import dev.witbox.wit.TypeDefKind;
import dev.witbox.wit.World;
import java.util.List;
import java.util.Set;

/** Collects the arities of every tuple type a world's Java code will mention. */
final class TupleScan {

    private final Set<Integer> arities;

    TupleScan(Set<Integer> arities) {
        this.arities = arities;
    }

    void world(World w) {
        for (var item : w.imports()) {
            item(item);
        }
        for (var item : w.exports()) {
            item(item);
        }
        types(w.types());
    }

    private void item(dev.witbox.wit.WorldItem item) {
        if (item instanceof dev.witbox.wit.WorldItem.InterfaceItem ii) {
            Interface i = ii.iface();
            types(i.types());
            for (Function f : i.functions()) {
                function(f);
            }
        } else {
            function(((dev.witbox.wit.WorldItem.FunctionItem) item).function());
        }
    }

    private void types(List<TypeDef> defs) {
        for (TypeDef t : defs) {
            TypeDefKind k = t.kind();
            if (k instanceof TypeDefKind.Record r) {
                r.fields().forEach(f -> type(f.type()));
            } else if (k instanceof TypeDefKind.Variant v) {
                v.cases().forEach(c -> type(c.type()));
            } else if (k instanceof TypeDefKind.Alias a) {
                type(a.target());
            } else if (k instanceof TypeDefKind.Resource r) {
                r.functions().forEach(this::function);
            }
        }
    }

    private void function(Function f) {
        for (Param p : f.params()) {
            type(p.type());
        }
        type(f.result());
    }

    private void type(Type t) {
        if (t instanceof Type.TupleType tt) {
            arities.add(tt.elements().size());
            tt.elements().forEach(this::type);
        } else if (t instanceof Type.ListType l) {
            type(l.element());
        } else if (t instanceof Type.FixedListType l) {
            type(l.element());
        } else if (t instanceof Type.OptionType o) {
            type(o.element());
        } else if (t instanceof Type.ResultType r) {
            type(r.ok());
            type(r.err());
        } else if (t instanceof Type.MapType m) {
            type(m.key());
            type(m.value());
        } else if (t instanceof Type.FutureType f) {
            type(f.element());
        } else if (t instanceof Type.StreamType s) {
            type(s.element());
        }
    }
}
