package dev.witbox.internal.chicory;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which call sites of a core module the call-depth limit ({@link CallDepthLimit}) has to count.
 *
 * <p>A call need not be counted when it enters a <em>closed</em> call tree: a function whose calls all go
 * directly to other closed functions, none of them recursive, at most {@link #MAX_UNCOUNTED_HEIGHT} frames deep
 * — C's {@code memcpy} and {@code malloc}, a string helper, most small functions. Such a tree adds a bounded number
 * of frames, and only at the top of the stack: nothing in it makes a counted call. So the frames on the stack
 * stay within the limit plus that height, while the calls that dominate a short export (a {@code greet} that
 * allocates and copies) cost nothing. Everything else is counted: calls through tables or references (they may
 * reach any function), calls to imports (the host may call back in), and calls to functions that may recurse or
 * reach a counted call.
 */
final class CountedCalls {

    /** The deepest closed call tree left uncounted (frames, the callee included). */
    static final int MAX_UNCOUNTED_HEIGHT = 32;

    private CountedCalls() {}

    /** The code addresses of the calls the limit counts, ascending. */
    static List<Integer> counted(WasmModule module) {
        int imported = module.importSection().count(ExternalType.FUNCTION);
        FunctionBody[] bodies = module.codeSection().functionBodies();
        int[] height = closedHeights(bodies, imported);
        List<Integer> counted = new ArrayList<>();
        for (FunctionBody body : bodies) {
            for (Instruction instruction : body.instructions()) {
                if (isCall(instruction.opcode()) && !entersClosedTree(instruction, imported, height)) {
                    counted.add(instruction.address());
                }
            }
        }
        counted.sort(null);
        return counted;
    }

    private static boolean isCall(OpCode op) {
        return op == OpCode.CALL || op == OpCode.CALL_INDIRECT || op == OpCode.CALL_REF;
    }

    private static boolean entersClosedTree(Instruction call, int imported, int[] height) {
        if (call.opcode() != OpCode.CALL) {
            return false;
        }
        long callee = call.operand(0) - imported;
        return callee >= 0 && callee < height.length && height[(int) callee] > 0;
    }

    /**
     * Per defined function, the height of its closed call tree in frames, or 0 when it is not closed. Kahn's
     * algorithm over the direct-call graph, callees first: a function closes once every function it calls has
     * closed; one in a cycle, or calling an import, a table or a reference, never does. Iterative: modules with
     * tens of thousands of functions would overflow a recursive walk.
     */
    private static int[] closedHeights(FunctionBody[] bodies, int imported) {
        int n = bodies.length;
        int[][] callees = new int[n][];
        boolean[] open = new boolean[n];
        int[] callerCount = new int[n];
        for (int f = 0; f < n; f++) {
            int[] targets = new int[8];
            int count = 0;
            for (Instruction instruction : bodies[f].instructions()) {
                OpCode op = instruction.opcode();
                if (op == OpCode.CALL) {
                    long callee = instruction.operand(0) - imported;
                    if (callee < 0 || callee >= n) {
                        open[f] = true; // an import (or an index the validator will refuse)
                    } else {
                        if (count == targets.length) {
                            targets = Arrays.copyOf(targets, count * 2);
                        }
                        targets[count++] = (int) callee;
                    }
                } else if (op == OpCode.CALL_INDIRECT || op == OpCode.CALL_REF) {
                    open[f] = true;
                }
            }
            int[] distinct = Arrays.stream(targets, 0, count).distinct().toArray();
            callees[f] = distinct;
            for (int callee : distinct) {
                callerCount[callee]++;
            }
        }
        int[][] callers = new int[n][];
        for (int f = 0; f < n; f++) {
            callers[f] = new int[callerCount[f]];
        }
        int[] filled = new int[n];
        int[] waitingOn = new int[n];
        for (int f = 0; f < n; f++) {
            waitingOn[f] = callees[f].length;
            for (int callee : callees[f]) {
                callers[callee][filled[callee]++] = f;
            }
        }
        int[] height = new int[n];
        int[] ready = new int[n];
        int head = 0;
        int tail = 0;
        for (int f = 0; f < n; f++) {
            if (waitingOn[f] == 0 && !open[f]) {
                ready[tail++] = f;
            }
        }
        while (head < tail) {
            int f = ready[head++];
            int deepest = 0;
            for (int callee : callees[f]) {
                deepest = Math.max(deepest, height[callee]);
            }
            if (deepest + 1 > MAX_UNCOUNTED_HEIGHT) {
                continue; // too deep to leave uncounted: it stays open, and so do its callers
            }
            height[f] = deepest + 1;
            for (int caller : callers[f]) {
                if (--waitingOn[caller] == 0 && !open[caller]) {
                    ready[tail++] = caller;
                }
            }
        }
        return height;
    }
}
