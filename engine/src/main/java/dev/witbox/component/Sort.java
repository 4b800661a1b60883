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

    @Override
    public String toString() {
        return text;
    }
}
