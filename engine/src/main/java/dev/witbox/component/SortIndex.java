package dev.witbox.component;

/** A reference into one index space, e.g. {@code (core func 3)}. */
public record SortIndex(Sort sort, int index) {
    @Override
    public String toString() {
        return "(" + sort.text() + " " + index + ")";
    }
}
