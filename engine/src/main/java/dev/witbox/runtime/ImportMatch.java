package dev.witbox.runtime;

import dev.witbox.abi.FunctionType;
import dev.witbox.abi.ResourceType;
import dev.witbox.abi.ValueType;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether an instantiation argument fits the import it fills (Explainer.md, "Subtyping"; wasm-tools'
 * validator holds the same rules): a function must have the same parameters (names and types, in order) and
 * the same result; a value type must be the same type, field and case names included; an instance must export
 * every export the import's instance type names (more are fine), each fitting; a resource type must be the very
 * type the import is bound to. Abstract resources an instance type declares ({@code (export "r" (type (sub
 * resource)))}) are bound, in declaration order, to the argument's resources of the same name, so that later
 * exports using them are compared against those; resources are otherwise compared by identity, so two imported
 * abstract resources never stand for each other.
 */
final class ImportMatch {

    private final Map<ResourceType, ResourceType> bound = new IdentityHashMap<>();
    private final Set<ResourceType> abstractTypes;

    private ImportMatch(Set<ResourceType> abstractTypes) {
        this.abstractTypes = abstractTypes;
    }

    /**
     * Null when {@code actual} fits {@code expected}; otherwise what differs. {@code abstractTypes} are the
     * resources instance types declare abstractly ({@code sub resource}), which an argument's resources bind.
     */
    static String mismatch(Item expected, Item actual, Set<ResourceType> abstractTypes) {
        return new ImportMatch(abstractTypes).item(expected, actual);
    }

    private String item(Item expected, Item actual) {
        if (expected instanceof Item.DeclaredFunc d) {
            return actual instanceof Item.Func f ? function(d.type(), f.type()) : "expected a function, found " + kind(actual);
        } else if (expected instanceof Item.FuncType ft) {
            return actual instanceof Item.FuncType a ? function(ft.type(), a.type()) : "expected a function type, found " + kind(actual);
        } else if (expected instanceof Item.Resource r) {
            if (!(actual instanceof Item.Resource a)) {
                return "expected resource " + r.type().name() + ", found " + kind(actual);
            }
            if (abstractTypes.contains(r.type()) && !bound.containsKey(r.type())) {
                bound.put(r.type(), a.type());
                return null;
            }
            return resolve(r.type()) == a.type() ? null
                    : "expected resource " + r.type().name() + ", found another resource type " + a.type().name();
        } else if (expected instanceof Item.ValueTypeItem v) {
            if (!(actual instanceof Item.ValueTypeItem a)) {
                return "expected type " + WitSignatures.of(v.type()) + ", found " + kind(actual);
            }
            return value(v.type(), a.type()) ? null
                    : "expected type " + WitSignatures.of(v.type()) + ", found " + WitSignatures.of(a.type());
        } else if (expected instanceof Item.InstanceType it) {
            Map<String, Item> exports = actual instanceof Item.Instance i ? i.exports()
                    : actual instanceof Item.InstanceType t ? t.exports() : null;
            if (exports == null) {
                return "expected an instance, found " + kind(actual);
            }
            for (Map.Entry<String, Item> e : it.exports().entrySet()) {
                Item given = exports.get(e.getKey());
                if (given == null) {
                    return "the instance has no export \"" + e.getKey() + "\"";
                }
                String why = item(e.getValue(), given);
                if (why != null) {
                    return "export \"" + e.getKey() + "\": " + why;
                }
            }
            return null;
        }
        // component types, core module types, values: witbox does not run what would need them checked here
        return null;
    }

    private ResourceType resolve(ResourceType r) {
        return bound.getOrDefault(r, r);
    }

    private String function(FunctionType expected, FunctionType actual) {
        if (functionMatches(expected, actual)) {
            return null;
        }
        return "expected " + WitSignatures.of(expected) + ", found " + WitSignatures.of(actual);
    }

    private boolean functionMatches(FunctionType expected, FunctionType actual) {
        List<FunctionType.Param> ep = expected.params();
        List<FunctionType.Param> ap = actual.params();
        if (ep.size() != ap.size()) {
            return false;
        }
        for (int i = 0; i < ep.size(); i++) {
            if (!ep.get(i).name().equals(ap.get(i).name()) || !value(ep.get(i).type(), ap.get(i).type())) {
                return false;
            }
        }
        return expected.result() == null ? actual.result() == null
                : actual.result() != null && value(expected.result(), actual.result());
    }

    private boolean value(ValueType e, ValueType a) {
        if (e == null || a == null) {
            return e == a;
        }
        if (e instanceof ValueType.OwnOf o) {
            return a instanceof ValueType.OwnOf x && resolve(o.resource()) == x.resource();
        } else if (e instanceof ValueType.BorrowOf b) {
            return a instanceof ValueType.BorrowOf x && resolve(b.resource()) == x.resource();
        } else if (e instanceof ValueType.ListOf l) {
            return a instanceof ValueType.ListOf x && value(l.element(), x.element());
        } else if (e instanceof ValueType.MapOf m) {
            return a instanceof ValueType.MapOf x && value(m.key(), x.key()) && value(m.value(), x.value());
        } else if (e instanceof ValueType.FixedListOf l) {
            return a instanceof ValueType.FixedListOf x && l.length() == x.length() && value(l.element(), x.element());
        } else if (e instanceof ValueType.RecordOf r) {
            if (!(a instanceof ValueType.RecordOf x) || r.fields().size() != x.fields().size()) {
                return false;
            }
            for (int i = 0; i < r.fields().size(); i++) {
                if (!r.fields().get(i).name().equals(x.fields().get(i).name())
                        || !value(r.fields().get(i).type(), x.fields().get(i).type())) {
                    return false;
                }
            }
            return true;
        } else if (e instanceof ValueType.TupleOf t) {
            if (!(a instanceof ValueType.TupleOf x) || t.elements().size() != x.elements().size()) {
                return false;
            }
            for (int i = 0; i < t.elements().size(); i++) {
                if (!value(t.elements().get(i), x.elements().get(i))) {
                    return false;
                }
            }
            return true;
        } else if (e instanceof ValueType.VariantOf v) {
            if (!(a instanceof ValueType.VariantOf x) || v.cases().size() != x.cases().size()) {
                return false;
            }
            for (int i = 0; i < v.cases().size(); i++) {
                if (!v.cases().get(i).name().equals(x.cases().get(i).name())
                        || !value(v.cases().get(i).payload(), x.cases().get(i).payload())) {
                    return false;
                }
            }
            return true;
        } else if (e instanceof ValueType.OptionOf o) {
            return a instanceof ValueType.OptionOf x && value(o.element(), x.element());
        } else if (e instanceof ValueType.ResultOf r) {
            return a instanceof ValueType.ResultOf x && value(r.ok(), x.ok()) && value(r.err(), x.err());
        }
        // scalars, enums and flags carry no resources: equal values are equal types
        return e.equals(a);
    }

    private static String kind(Item item) {
        if (item instanceof Item.Func) {
            return "a function";
        } else if (item instanceof Item.Instance || item instanceof Item.InstanceType) {
            return "an instance";
        } else if (item instanceof Item.Resource r) {
            return "resource " + r.type().name();
        } else if (item instanceof Item.ValueTypeItem v) {
            return "type " + WitSignatures.of(v.type());
        }
        return "something else";
    }
}
