package dev.witbox.component;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes the {@code component-name} custom section. Binary.md says engines must not reject components
 * with an invalid name section, so any problem yields {@code null} instead of an error.
 */
final class NameSectionParser {

    private NameSectionParser() {
    }

    static ComponentNames parse(byte[] data) {
        ByteReader r = new ByteReader(data);
        r.enterSection("name section");
        try {
            Optional<String> componentName = Optional.empty();
            Map<Sort, Map<Integer, String>> names = new EnumMap<>(Sort.class);
            while (!r.atEnd()) {
                int id = r.u8();
                long size = r.u32();
                int old = r.pushLimit(size, "name subsection");
                if (id == 0) {
                    componentName = Optional.of(r.name("component name"));
                } else if (id == 1) {
                    Sort sort = sort(r);
                    int n = r.vecLength("name");
                    Map<Integer, String> map = new HashMap<>();
                    for (int i = 0; i < n; i++) {
                        int idx = r.index();
                        map.put(idx, r.name("name"));
                    }
                    names.put(sort, Map.copyOf(map));
                } else {
                    r.skip(r.remaining()); // unknown subsections are skipped, as in core wasm
                }
                if (!r.atEnd()) {
                    return null;
                }
                r.popLimit(old);
            }
            return new ComponentNames(componentName, names);
        } catch (ComponentDecodeException e) {
            return null;
        }
    }

    private static Sort sort(ByteReader r) {
        int b = r.u8();
        boolean core = b == 0x00;
        Sort s = core ? Sort.core(r.u8()) : Sort.component(b);
        if (s == null) {
            throw r.error(core ? "unknown core sort" : "unknown sort");
        }
        return s;
    }
}
