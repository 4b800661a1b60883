package dev.witbox.component;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code component-name} custom section (Binary.md "Name Section"): the component's own name and debug names per index
 * space. Like the core name section it is advisory, so a malformed one is ignored rather than rejected.
 */
public record ComponentNames(Optional<String> componentName, Map<Sort, Map<Integer, String>> names) {
    public ComponentNames {
        names = Map.copyOf(names);
    }

    /** The debug name of an index, if the name section gives one. */
    public Optional<String> nameOf(Sort sort, int index) {
        Map<Integer, String> m = names.get(sort);
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(index));
    }
}
