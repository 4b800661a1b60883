package dev.witbox.component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads only the export section of an embedded core module, so that {@code alias core export} can be
 * checked against what the module really exports. Everything else about the module is Chicory's job; a
 * module this scanner cannot read yields {@code null} (unknown) rather than an error, and Chicory will
 * report the real problem at instantiation.
 */
final class CoreModuleScanner {

    private CoreModuleScanner() {
    }

    static Map<String, Sort> exports(byte[] module) {
        ByteReader r = new ByteReader(module);
        try {
            r.skip(8);
            while (!r.atEnd()) {
                int id = r.u8();
                long size = r.u32();
                int old = r.pushLimit(size, "core section");
                if (id == 7) {
                    Map<String, Sort> out = new LinkedHashMap<>();
                    int n = r.vecLength("core export");
                    for (int i = 0; i < n; i++) {
                        String name = r.name("core export name");
                        int kind = r.u8();
                        r.u32();
                        Sort s = switch (kind) {
                            case 0 -> Sort.CORE_FUNC;
                            case 1 -> Sort.CORE_TABLE;
                            case 2 -> Sort.CORE_MEMORY;
                            case 3 -> Sort.CORE_GLOBAL;
                            case 4 -> Sort.CORE_TAG;
                            default -> null;
                        };
                        if (s == null || out.put(name, s) != null) {
                            return null;
                        }
                    }
                    return r.atEnd() ? Map.copyOf(out) : null;
                }
                r.skip(r.remaining());
                r.popLimit(old);
            }
            return Map.of();
        } catch (ComponentDecodeException e) {
            return null;
        }
    }
}
