package dev.witbox.internal.chicory;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The call-depth limit counts the calls that may nest without bound, and leaves out calls into closed, shallow
 * call trees: what is left out adds a bounded number of frames at the top of the stack.
 */
class CountedCallsTest {

    @Test
    void callsIntoAnAcyclicTreeAreNotCounted() {
        WasmModule module = Parser.parse(TinyModules.callGraph(new int[][] {{1, 2}, {2}, {}}));

        assertThat(CountedCalls.counted(module)).isEmpty();
        assertThat(allCalls(module)).hasSize(3);
    }

    @Test
    void aRecursiveCallIsCountedButItsLeafHelperIsNot() {
        // f0 calls itself and the leaf f1
        WasmModule module = Parser.parse(TinyModules.callGraph(new int[][] {{0, 1}, {}}));

        assertThat(CountedCalls.counted(module)).containsExactly(callSites(module, 0).get(0));
    }

    @Test
    void mutualRecursionIsCountedOnBothSidesAndSoIsACallerOfIt() {
        // f0 <-> f1 recurse; f2 calls into the cycle; f1 also calls the leaf f3
        WasmModule module = Parser.parse(TinyModules.callGraph(new int[][] {{1}, {0, 3}, {0}, {}}));

        List<Integer> expected = new ArrayList<>(callSites(module, 0));
        expected.add(callSites(module, 1).get(0));
        expected.addAll(callSites(module, 2));
        expected.sort(null);
        assertThat(CountedCalls.counted(module)).containsExactlyElementsOf(expected);
    }

    @Test
    void aChainDeeperThanTheUncountedHeightIsCountedAboveIt() {
        int length = CountedCalls.MAX_UNCOUNTED_HEIGHT + 8;
        int[][] chain = IntStream.range(0, length)
                .mapToObj(i -> i + 1 < length ? new int[] {i + 1} : new int[0]).toArray(int[][]::new);
        WasmModule module = Parser.parse(TinyModules.callGraph(chain));

        // f_i heads a tree of (length - i) frames: the calls into trees of more than the height are counted
        List<Integer> expected = new ArrayList<>();
        for (int caller = 0; caller + 1 < length; caller++) {
            if (length - (caller + 1) > CountedCalls.MAX_UNCOUNTED_HEIGHT) {
                expected.addAll(callSites(module, caller));
            }
        }
        assertThat(expected).hasSize(length - 1 - CountedCalls.MAX_UNCOUNTED_HEIGHT);
        assertThat(CountedCalls.counted(module)).containsExactlyElementsOf(expected);
    }

    @Test
    void aCGuestsAllocatorAndCopiesAreLeftUncountedButItsImportCallsAreCounted() throws IOException {
        // add-greet's core module (C, wasi-libc's malloc and memcpy): its exports call only closed helpers
        WasmModule greet = Parser.parse(Files.readAllBytes(Path.of("../tests/guests/out/add-greet.core.wasm")));
        assertThat(allCalls(greet)).isNotEmpty();
        assertThat(CountedCalls.counted(greet)).isEmpty();

        // the catalog guest calls its host imports: those calls are counted (the host may call back in)
        WasmModule catalog = Parser.parse(Files.readAllBytes(Path.of("../tests/guests/out/catalog.core.wasm")));
        int imported = catalog.importSection().count(com.dylibso.chicory.wasm.types.ExternalType.FUNCTION);
        List<Integer> importCalls = new ArrayList<>();
        Arrays.stream(catalog.codeSection().functionBodies()).flatMap(b -> b.instructions().stream())
                .filter(i -> i.opcode() == OpCode.CALL && i.operand(0) < imported)
                .forEach(i -> importCalls.add(i.address()));
        assertThat(importCalls).isNotEmpty();
        assertThat(CountedCalls.counted(catalog)).containsAll(importCalls);
    }

    /** Every call, {@code call_indirect} and {@code call_ref} of the module. */
    private static List<Integer> allCalls(WasmModule module) {
        List<Integer> calls = new ArrayList<>();
        Arrays.stream(module.codeSection().functionBodies()).flatMap(b -> b.instructions().stream())
                .filter(i -> i.opcode() == OpCode.CALL || i.opcode() == OpCode.CALL_INDIRECT || i.opcode() == OpCode.CALL_REF)
                .forEach(i -> calls.add(i.address()));
        return calls;
    }

    private static List<Integer> callSites(WasmModule module, int function) {
        List<Integer> sites = new ArrayList<>();
        for (Instruction i : module.codeSection().getFunctionBody(function).instructions()) {
            if (i.opcode() == OpCode.CALL) {
                sites.add(i.address());
            }
        }
        return sites;
    }
}
