package dev.witbox.component;

/**
 * The 13 index spaces of a component (Explainer "Index Spaces"): 8 core sorts and 5 component sorts.
 * Sort and index space are interchangeable terms.
 */
public enum Sort {
    CORE_FUNC("core func", true),
    CORE_TABLE("core table", true),
    CORE_MEMORY("core memory", true),
    CORE_GLOBAL("core global", true),
    CORE_TAG("core tag", true),
    CORE_TYPE("core type", true),
    CORE_MODULE("core module", true),
    CORE_INSTANCE("core instance", true),
    FUNC("func", false),
    VALUE("value", false),
    TYPE("type", false),
    COMPONENT("component", false),
    INSTANCE("instance", false);

    private final String text;
    private final boolean core;

    Sort(String text, boolean core) {
        this.text = text;
        this.core = core;
    }

    /** The sort as written in the text format, e.g. "core func". */
    public String text() {
        return text;
    }

    public boolean isCore() {
        return core;
    }

    /** The core sort with binary code {@code b} ({@code core:sort}), or null if there is none. */
    static Sort core(int b) {
        return switch (b) {
            case 0x00 -> CORE_FUNC;
            case 0x01 -> CORE_TABLE;
            case 0x02 -> CORE_MEMORY;
            case 0x03 -> CORE_GLOBAL;
            case 0x04 -> CORE_TAG;
            case 0x10 -> CORE_TYPE;
            case 0x11 -> CORE_MODULE;
            case 0x12 -> CORE_INSTANCE;
            default -> null;
        };
    }

    /**
     * The component sort with binary code {@code b} ({@code sort}; the code 0x00 that introduces a core
     * sort is not one), or null if there is none.
     */
    static Sort component(int b) {
        return switch (b) {
            case 0x01 -> FUNC;
            case 0x02 -> VALUE;
            case 0x03 -> TYPE;
            case 0x04 -> COMPONENT;
            case 0x05 -> INSTANCE;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
