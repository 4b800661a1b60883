package dev.witbox.wit;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** State shared while resolving all packages of one load. */
final class Env {

    final WitOptions options;
    /** Where missing packages were looked for, e.g. "looked in deps/". */
    final String searchHint;
    final Map<String, WitPackage> packages = new LinkedHashMap<>();
    /** Items dropped because their feature is disabled: key (item key) → feature. */
    final Map<String, String> disabled = new HashMap<>();
    /** Whether a type definition (transitively) contains a borrow handle. */
    final Map<TypeDef, Boolean> hasBorrow = new IdentityHashMap<>();

    Env(WitOptions options, String searchHint) {
        this.options = options;
        this.searchHint = searchHint;
    }

    String known() {
        TreeSet<String> names = new TreeSet<>(packages.keySet());
        if (names.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (String n : names) {
            if (i++ > 0) {
                sb.append(", ");
            }
            if (i > 20) {
                sb.append("...");
                break;
            }
            sb.append(n);
        }
        return sb.toString();
    }
}
