package dev.witbox.component;

import java.util.Map;
import java.util.Optional;

/**
 * Import and export names: decodes {@code nameattributes}, checks the name grammar and attribute rules,
 * strong uniqueness per scope, and records imports, exports and resource names in the scope.
 */
final class NameDeclarations {

    private final ComponentParser p;
    private final ByteReader r;

    NameDeclarations(ComponentParser p) {
        this.p = p;
        this.r = p.r;
    }


    /** {@code nameattributes}. */
    ExternName externName(String what) {
        int at = r.pos();
        int tag = r.u8();
        if (tag == 0x00 || tag == 0x01) {
            return ExternName.of(r.name(what));
        }
        if (tag != 0x02) {
            throw r.error(at, "unknown " + what + " tag 0x" + ByteReader.hex(tag));
        }
        String name = r.name(what);
        int n = r.vecLength("name attribute");
        Optional<String> impl = Optional.empty();
        Optional<String> suffix = Optional.empty();
        Optional<String> id = Optional.empty();
        for (int i = 0; i < n; i++) {
            int aAt = r.pos();
            int kind = r.u8();
            switch (kind) {
                case 0x00 -> {
                    if (impl.isPresent()) {
                        throw r.error(aAt, "duplicate implements attribute");
                    }
                    String in = r.name("implements interface name");
                    if (NameRules.parseInterfaceName(in) == null) {
                        throw r.error(aAt, "implements attribute \"" + in + "\" is not a valid interface name");
                    }
                    impl = Optional.of(in);
                }
                case 0x01 -> {
                    if (suffix.isPresent()) {
                        throw r.error(aAt, "duplicate versionsuffix attribute");
                    }
                    suffix = Optional.of(r.name("version suffix"));
                }
                case 0x02 -> {
                    if (id.isPresent()) {
                        throw r.error(aAt, "duplicate external-id attribute");
                    }
                    id = Optional.of(r.name("external id"));
                }
                default -> throw r.error(aAt, "unknown name attribute 0x" + ByteReader.hex(kind));
            }
        }
        return new ExternName(name, impl, suffix, id);
    }

    /** Lexical and attribute rules of one import or export name. */
    void checkExternName(ExternName name, Sort sort, int at, String what) {
        String n = name.name();
        if (NameRules.isNestedInterfaceName(n)) {
            p.unsupported("nested namespace/package in interface name \"" + n + "\" (🪺)", at);
        } else {
            String problem = NameRules.externNameProblem(n);
            if (problem != null) {
                throw r.error(at, "invalid " + what + " name \"" + n + "\": " + problem);
            }
        }
        if (name.versionSuffix().isPresent()) {
            InterfaceName in = NameRules.parseInterfaceName(n);
            String version = in == null ? null : in.version().orElse(null);
            if (version == null || !NameRules.isCanonVersion(version)) {
                throw r.error(at, "versionsuffix on \"" + n + "\" requires an interface name with a canonical version");
            }
            if (!NameRules.isSemver(version + name.versionSuffix().get())) {
                throw r.error(at, "version " + version + name.versionSuffix().get() + " of \"" + n + "\" is not valid semver");
            }
        }
        if (name.implementsName().isPresent()) {
            if (sort != Sort.INSTANCE) {
                throw r.error(at, "implements attribute on \"" + n + "\" requires an instance, not a " + sort.text());
            }
            if (name.isInterfaceName()) {
                throw r.error(at, "implements attribute requires a plain name, not interface name \"" + n + "\"");
            }
        }
    }

    void declareImport(Scope scope, ExternName name, ExternType et, int at, Definition origin) {
        Info info = p.types.externInfo(et, scope);
        declare(scope, name, et.sort(), info, at, true);
        scope.add(et.sort(), info, origin);
    }

    void declareExport(Scope scope, ExternName name, Sort sort, Info info, int at, Definition origin) {
        declare(scope, name, sort, info, at, false);
        scope.add(sort, info, origin);
    }

    private void declare(Scope scope, ExternName name, Sort sort, Info info, int at, boolean isImport) {
        String what = isImport ? "import" : "export";
        checkExternName(name, sort, at, what);
        String n = name.name();
        Map<String, String> canon = isImport ? scope.importCanon : scope.exportCanon;
        String prev = canon.putIfAbsent(NameRules.canonical(n), n);
        if (prev != null) {
            throw r.error(at, "duplicate " + what + " name \"" + n + "\"" + NameRules.conflict(n, prev));
        }
        Map<String, Info> resources = isImport ? scope.importResources : scope.exportResources;
        String res = NameRules.annotatedResource(n);
        if (res != null) {
            if (sort != Sort.FUNC) {
                throw r.error(at, "\"" + n + "\" is a " + sort.text() + ", but annotated names are only allowed on functions");
            }
            Info resource = resources.get(res);
            if (resource == null) {
                throw r.error(at, "\"" + n + "\" refers to resource \"" + res + "\" which is not a preceding resource "
                        + what + " in the same scope");
            }
            if (info instanceof Info.FuncType ft) {
                HandleRules.check(p, n, ft, resource, at);
            }
        } else if (sort == Sort.TYPE && info instanceof Info.Resource && !name.isInterfaceName()) {
            resources.put(n, info);
        }
        (isImport ? scope.imports : scope.exports).put(n, new Info.Exported(sort, info));
    }
}
