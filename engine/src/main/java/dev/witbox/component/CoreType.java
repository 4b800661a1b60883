package dev.witbox.component;

import java.util.List;

/**
 * A type in the core type index space of a component: a core function type or a core module type.
 * GC types (rec/sub/struct/array) are rejected as unsupported.
 */
public sealed interface CoreType extends Definition {

    record Func(List<CoreValType> params, List<CoreValType> results) implements CoreType {
        public Func {
            params = List.copyOf(params);
            results = List.copyOf(results);
        }

        @Override
        public String toString() {
            return "(func" + (params.isEmpty() ? "" : " (param " + join(params) + ")")
                    + (results.isEmpty() ? "" : " (result " + join(results) + ")") + ")";
        }

        private static String join(List<CoreValType> ts) {
            StringBuilder sb = new StringBuilder();
            for (CoreValType t : ts) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(t);
            }
            return sb.toString();
        }
    }

    /** {@code (module md*)}: imports and exports a core module must have. */
    record Module(List<ModuleDecl> decls) implements CoreType {
        public Module {
            decls = List.copyOf(decls);
        }
    }

    /** A declarator of a core module type; it has its own core type index space. */
    sealed interface ModuleDecl {
    }

    record ImportDecl(String module, String name, CoreExternType type) implements ModuleDecl {
    }

    record TypeDecl(CoreType type) implements ModuleDecl {
    }

    /** {@code (alias outer ct idx (type))}, the only alias allowed in a module type. */
    record OuterAliasDecl(int count, int index) implements ModuleDecl {
    }

    record ExportDecl(String name, CoreExternType type) implements ModuleDecl {
    }
}
