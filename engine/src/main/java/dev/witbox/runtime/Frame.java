package dev.witbox.runtime;

import dev.witbox.component.ComponentNames;
import dev.witbox.component.Sort;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The index spaces of one scope while the plan is built: a component being instantiated, or the
 * declarators of an instance or component type. Entries are appended in definition order, exactly as the
 * binary defines them.
 */
final class Frame {

    final Frame parent;
    /** The canonical ABI component instance this scope belongs to, or -1 for a type scope. */
    final int abi;
    final String path;
    private final Optional<ComponentNames> names;
    private final Map<Sort, List<Item>> spaces = new EnumMap<>(Sort.class);

    Frame(Frame parent, int abi, String path, Optional<ComponentNames> names) {
        this.parent = parent;
        this.abi = abi;
        this.path = path;
        this.names = names;
        for (Sort s : Sort.values()) {
            spaces.put(s, new ArrayList<>());
        }
    }

    void add(Sort sort, Item item) {
        spaces.get(sort).add(item);
    }

    int size(Sort sort) {
        return spaces.get(sort).size();
    }

    Item get(Sort sort, int index) {
        List<Item> space = spaces.get(sort);
        if (index < 0 || index >= space.size()) {
            throw new IllegalStateException(path + ": " + sort + " " + index + " is not defined (" + space.size()
                    + " defined)");
        }
        return space.get(index);
    }

    /** The debug name of the next entry of {@code sort}, from the component-name section, if any. */
    Optional<String> nameOfNext(Sort sort) {
        return names.flatMap(n -> n.nameOf(sort, size(sort)));
    }

    Frame outer(int count) {
        Frame f = this;
        for (int i = 0; i < count; i++) {
            f = f.parent;
            if (f == null) {
                throw new IllegalStateException(path + ": outer alias " + count + " scopes out has no scope");
            }
        }
        return f;
    }
}
