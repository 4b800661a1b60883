package dev.witbox.wit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/** What {@link Interface}, {@link World} and {@link WitPackage} build and compare the same way. */
final class OwnerContents {

    private OwnerContents() {
    }

    /**
     * The type names visible in an interface or world: the local names of its {@code use}s first,
     * then its own definitions; the first entry of a name wins.
     */
    static Map<String, TypeDef> scope(List<Use> uses, List<TypeDef> types) {
        Map<String, TypeDef> s = new LinkedHashMap<>();
        for (Use u : uses) {
            for (Use.UseName n : u.names()) {
                s.putIfAbsent(n.localName(), n.type());
            }
        }
        for (TypeDef t : types) {
            s.putIfAbsent(t.name(), t);
        }
        return s;
    }

    /** Whether both lists have the same size and {@code same} holds for each pair of elements in order. */
    static <T> boolean pairwise(List<T> a, List<T> b, BiPredicate<T, T> same) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!same.test(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
