package dev.witbox.internal.chicory;

/**
 * One import of a core module: {@code (import "module" "name" ...)}.
 *
 * @param signature the import's type as text, for messages ({@code func (i32 i32) -> (i32)}, {@code memory 1})
 */
public record CoreImport(String module, String name, Kind kind, String signature) {

    /** The kinds of core imports and exports. */
    public enum Kind { FUNC, TABLE, MEMORY, GLOBAL, TAG }

    @Override
    public String toString() {
        return "\"" + module + "\" \"" + name + "\" (" + signature + ")";
    }
}
