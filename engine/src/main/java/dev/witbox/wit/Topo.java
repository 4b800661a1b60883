package dev.witbox.wit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

/** Iterative topological sorting with cycle reporting (no recursion, so no stack overflow). */
final class Topo {

    private Topo() {
    }

    /**
     * A cycle: node indices, first == last. The reference that closes it (in a depth-first visit
     * of the nodes in input order, each node's dependencies in list order) is the dependency
     * {@code deps.get(from).get(edge)}.
     */
    static final class Cycle extends Exception {
        private static final long serialVersionUID = 1L;
        final List<Integer> path;
        final int from;
        final int edge;

        Cycle(List<Integer> path, int from, int edge) {
            super("cycle", null, false, false);
            this.path = path;
            this.from = from;
            this.edge = edge;
        }

        /**
         * The nodes the cycle passes through between its first node and the reference that leads
         * back to it, named by {@code name} and joined with {@code " -> "}; empty for a self-reference.
         */
        String through(IntFunction<String> name) {
            StringBuilder sb = new StringBuilder();
            for (int k = 1; k < path.size() - 1; k++) {
                sb.append(k > 1 ? " -> " : "").append(name.apply(path.get(k)));
            }
            return sb.toString();
        }

        /**
         * The cycle worded for an error message about its first node: {@code "<subject> <verb> itself
         * (a cycle)"}, or {@code "<subject> <verb> itself through 'b' -> 'c' (a cycle)"}.
         */
        String describe(String subject, String verb, IntFunction<String> name) {
            return subject + " " + verb + " itself" + (path.size() <= 2 ? "" : " through " + through(name))
                    + " (a cycle)";
        }
    }

    /**
     * Orders nodes {@code 0..n-1} so that every node comes after its dependencies
     * ({@code deps.get(i)}); ties keep the input order. Throws {@link Cycle} on a cycle.
     */
    static List<Integer> sort(int n, List<List<Integer>> deps) throws Cycle {
        int[] state = new int[n]; // 0 new, 1 on stack, 2 done
        int[] next = new int[n];
        int[] parent = new int[n];
        List<Integer> order = new ArrayList<>(n);
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        for (int root = 0; root < n; root++) {
            if (state[root] != 0) {
                continue;
            }
            stack.push(root);
            state[root] = 1;
            parent[root] = -1;
            while (!stack.isEmpty()) {
                int v = stack.peek();
                List<Integer> ds = deps.get(v);
                if (next[v] < ds.size()) {
                    int edge = next[v]++;
                    int w = ds.get(edge);
                    if (state[w] == 0) {
                        state[w] = 1;
                        parent[w] = v;
                        stack.push(w);
                    } else if (state[w] == 1) {
                        List<Integer> path = new ArrayList<>();
                        path.add(w);
                        for (int x = v; x != w && x >= 0; x = parent[x]) {
                            path.add(x);
                        }
                        path.add(w);
                        Collections.reverse(path);
                        throw new Cycle(path, v, edge);
                    }
                } else {
                    stack.pop();
                    state[v] = 2;
                    order.add(v);
                }
            }
        }
        return order;
    }
}
