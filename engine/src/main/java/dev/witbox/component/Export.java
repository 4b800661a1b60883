package dev.witbox.component;

import java.util.Optional;

/**
 * {@code (export "name" (sort idx) externtype?)}. An export also appends an index (aliasing the exported
 * definition) to the index space of its sort.
 */
public record Export(ExternName name, SortIndex target, Optional<ExternType> ascribedType) implements Definition {
}
