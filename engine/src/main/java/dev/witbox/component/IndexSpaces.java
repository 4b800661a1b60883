package dev.witbox.component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The 13 index spaces of one component, in definition order. Entry {@code i} of a space is the
 * {@link Definition} that introduced index {@code i}: an import, an alias, a canon definition, an export
 * (which re-indexes what it exports), and so on.
 */
public final class IndexSpaces {

    private final Map<Sort, List<Definition>> spaces;

    IndexSpaces(Map<Sort, List<Definition>> spaces) {
        EnumMap<Sort, List<Definition>> copy = new EnumMap<>(Sort.class);
        for (Sort s : Sort.values()) {
            copy.put(s, Collections.unmodifiableList(new ArrayList<>(spaces.getOrDefault(s, List.of()))));
        }
        this.spaces = Collections.unmodifiableMap(copy);
    }

    public List<Definition> space(Sort sort) {
        return spaces.get(sort);
    }

    public int size(Sort sort) {
        return spaces.get(sort).size();
    }

    /** What introduced {@code index} in {@code sort}'s space; throws IndexOutOfBounds for a bad index. */
    public Definition get(Sort sort, int index) {
        return spaces.get(sort).get(index);
    }

    public Definition get(SortIndex ref) {
        return get(ref.sort(), ref.index());
    }

    /**
     * Follows the entries that merely re-index another entry of the same component (exports, and outer
     * aliases with count 0) to the definition that actually provides the index: an import, a lift, a
     * lowering, an alias of an instance export, a type definition, and so on.
     */
    public Definition resolve(SortIndex ref) {
        SortIndex at = ref;
        // each step moves to a strictly smaller index, so this terminates
        while (true) {
            Definition d = get(at);
            if (d instanceof Export e && e.target().sort() == at.sort() && e.target().index() < at.index()) {
                at = e.target();
            } else if (d instanceof Alias.Outer o && o.count() == 0 && o.index() < at.index()) {
                at = new SortIndex(o.sort(), o.index());
            } else {
                return d;
            }
        }
    }

    public List<Definition> coreFuncs() {
        return space(Sort.CORE_FUNC);
    }

    public List<Definition> coreTables() {
        return space(Sort.CORE_TABLE);
    }

    public List<Definition> coreMemories() {
        return space(Sort.CORE_MEMORY);
    }

    public List<Definition> coreGlobals() {
        return space(Sort.CORE_GLOBAL);
    }

    public List<Definition> coreTags() {
        return space(Sort.CORE_TAG);
    }

    public List<Definition> coreTypes() {
        return space(Sort.CORE_TYPE);
    }

    public List<Definition> coreModules() {
        return space(Sort.CORE_MODULE);
    }

    public List<Definition> coreInstances() {
        return space(Sort.CORE_INSTANCE);
    }

    public List<Definition> funcs() {
        return space(Sort.FUNC);
    }

    public List<Definition> values() {
        return space(Sort.VALUE);
    }

    public List<Definition> types() {
        return space(Sort.TYPE);
    }

    public List<Definition> components() {
        return space(Sort.COMPONENT);
    }

    public List<Definition> instances() {
        return space(Sort.INSTANCE);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("IndexSpaces[");
        for (Sort s : Sort.values()) {
            if (size(s) > 0) {
                sb.append(s.text()).append('=').append(size(s)).append(", ");
            }
        }
        return sb.append(']').toString().replace(", ]", "]");
    }
}
