package dev.witbox.component;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Index spaces being built while one component, component type or instance type is decoded. Outer
 * aliases walk the {@link #parent} chain, which is exactly the Explainer's notion of enclosing scopes.
 */
final class Scope {

    enum Kind { COMPONENT, COMPONENT_TYPE, INSTANCE_TYPE }

    final Kind kind;
    final Scope parent;
    private final EnumMap<Sort, List<Info>> infos = new EnumMap<>(Sort.class);
    /** Only filled for components: the public view of what introduced each index. */
    private final EnumMap<Sort, List<Definition>> origins = new EnumMap<>(Sort.class);

    final Map<String, Info.Exported> imports = new LinkedHashMap<>();
    final Map<String, Info.Exported> exports = new LinkedHashMap<>();
    /** canonical (strongly-unique) form → original, per namespace. */
    final Map<String, String> importCanon = new HashMap<>();
    final Map<String, String> exportCanon = new HashMap<>();
    /** Resource labels of preceding resource imports / exports, for [constructor]/[method]/[static] names. */
    final Map<String, Info> importResources = new HashMap<>();
    final Map<String, Info> exportResources = new HashMap<>();

    Scope(Kind kind, Scope parent) {
        this.kind = kind;
        this.parent = parent;
        for (Sort s : Sort.values()) {
            infos.put(s, new ArrayList<>());
            origins.put(s, new ArrayList<>());
        }
    }

    int size(Sort sort) {
        return infos.get(sort).size();
    }

    Info info(Sort sort, int index) {
        return infos.get(sort).get(index);
    }

    void add(Sort sort, Info info, Definition origin) {
        infos.get(sort).add(info);
        origins.get(sort).add(origin);
    }

    IndexSpaces indexSpaces() {
        return new IndexSpaces(origins);
    }
}
