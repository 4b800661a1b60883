package dev.witbox.internal.chicory;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.Instruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The operands Chicory's validator writes into instructions as it checks them, so that a stored module can be parsed
 * again without validating it.
 *
 * <p>Chicory 1.7.5's validator is not only a check: where an instruction is polymorphic it records the type it found
 * in the instruction's operands ({@code drop} and {@code select} of a {@code v128}, the heap types of GC casts), and
 * its interpreter reads them. A stored entry's module was validated in full when it was compiled; on a hit, parsing
 * it again without the validator saves validating the bodies the interpreter runs (a third of a warm load of the
 * 12 MB componentize-js guest), and these hints, taken at compile time by comparing a validated parse with an
 * unvalidated one, are put back.
 */
final class ValidatorHints {

    /** One operand the validator set: in body {@code body} (code-section order), instruction {@code instruction}. */
    record Hint(int body, int instruction, int operand, long value) {}

    private ValidatorHints() {}

    /** Where the instructions of {@code bodies} in {@code validated} differ from those in {@code unvalidated}. */
    static List<Hint> between(WasmModule validated, WasmModule unvalidated, Set<Integer> bodies) {
        List<Hint> hints = new ArrayList<>();
        for (int body : bodies) {
            List<? extends Instruction> checked = validated.codeSection().getFunctionBody(body).instructions();
            List<? extends Instruction> raw = unvalidated.codeSection().getFunctionBody(body).instructions();
            if (checked.size() != raw.size()) {
                throw new IllegalStateException("body " + body + " parsed to " + checked.size() + " and "
                        + raw.size() + " instructions");
            }
            for (int i = 0; i < checked.size(); i++) {
                Instruction a = checked.get(i);
                Instruction b = raw.get(i);
                for (int o = 0; o < a.operandCount(); o++) {
                    if (a.operand(o) != b.operand(o)) {
                        hints.add(new Hint(body, i, o, a.operand(o)));
                    }
                }
            }
        }
        return hints;
    }

    /** Writes {@code hints} into {@code module}, parsed without validation. */
    static void apply(WasmModule module, List<Hint> hints) {
        for (Hint h : hints) {
            FunctionBody body = module.codeSection().getFunctionBody(h.body());
            body.instructions().get(h.instruction()).setOperand(h.operand(), h.value());
        }
    }

    /** {@code body:instruction:operand:value} separated by commas. */
    static String encode(List<Hint> hints) {
        StringBuilder out = new StringBuilder();
        for (Hint h : hints) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(h.body()).append(':').append(h.instruction()).append(':').append(h.operand()).append(':')
                    .append(h.value());
        }
        return out.toString();
    }

    /** @throws NumberFormatException or {@link ArrayIndexOutOfBoundsException} when {@code text} is not an encoding */
    static List<Hint> decode(String text) {
        List<Hint> hints = new ArrayList<>();
        if (text.isEmpty()) {
            return hints;
        }
        for (String one : text.split(",")) {
            String[] p = one.split(":");
            if (p.length != 4) {
                throw new NumberFormatException("not a hint: " + one);
            }
            hints.add(new Hint(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]),
                    Long.parseLong(p[3])));
        }
        return hints;
    }
}
