package dev.witbox.bindgen;

import dev.witbox.wit.Function;
import dev.witbox.wit.FunctionKind;
import dev.witbox.wit.Param;
import dev.witbox.wit.WitPrinter;
import java.util.List;
import java.util.Set;

/** WIT function signatures as {@link dev.witbox.api.WitFunction#signature()} writes them. */
final class Signatures {

    private Signatures() {
    }

    private static final Set<String> WIT_KEYWORDS = Set.of("as", "async", "bool", "borrow", "char", "constructor",
            "enum", "export", "f32", "f64", "flags", "from", "func", "future", "import", "include", "interface",
            "list", "map", "option", "own", "package", "record", "resource", "result", "s16", "s32", "s64", "s8",
            "static", "stream", "string", "tuple", "type", "u16", "u32", "u64", "u8", "use", "variant", "with",
            "world", "error-context");

    /**
     * {@code func(a: u32, b: u32) -> u32}: the parameters (without a method's {@code self}) and the
     * result, types printed by {@link WitPrinter#print(dev.witbox.wit.Type)}.
     */
    static String of(Function f) {
        StringBuilder sb = new StringBuilder(f.async() ? "async func(" : "func(");
        List<Param> ps = f.params();
        int first = f.kind() instanceof FunctionKind.Method ? 1 : 0;
        for (int i = first; i < ps.size(); i++) {
            if (i > first) {
                sb.append(", ");
            }
            String n = ps.get(i).name();
            sb.append(WIT_KEYWORDS.contains(n) ? "%" + n : n).append(": ").append(WitPrinter.print(ps.get(i).type()));
        }
        sb.append(')');
        if (f.result() != null) {
            sb.append(" -> ").append(WitPrinter.print(f.result()));
        }
        return sb.toString();
    }
}
