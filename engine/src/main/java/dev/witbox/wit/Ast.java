package dev.witbox.wit;

import java.util.List;

/** Unresolved syntax tree produced by {@link Parser}. Positions are char offsets into the file. */
final class Ast {

    private Ast() {
    }

    record Ident(String name, int pos) {
    }

    record VersionText(String text, Version version, int pos) {
    }

    /** Gates and the external id written before an item. Any field may be null. */
    record Attrs(VersionText since, Ident unstable, VersionText deprecated, String externalId,
            int sincePos, int unstablePos, int deprecatedPos, int externalIdPos) {
        static final Attrs NONE = new Attrs(null, null, null, null, -1, -1, -1, -1);

        boolean isEmpty() {
            return since == null && unstable == null && deprecated == null && externalId == null;
        }

        int firstPos() {
            int p = Integer.MAX_VALUE;
            for (int x : new int[] {sincePos, unstablePos, deprecatedPos, externalIdPos}) {
                if (x >= 0) {
                    p = Math.min(p, x);
                }
            }
            return p == Integer.MAX_VALUE ? -1 : p;
        }
    }

    record PackageDecl(String docs, Ident namespace, Ident name, VersionText version, int pos) {
        String display() {
            return namespace.name() + ":" + name.name() + (version == null ? "" : "@" + version.text());
        }
    }

    /** One parsed file: optional header, top-level items of the header package, nested packages. */
    record File(SourceFile source, PackageDecl header, List<Item> items, List<NestedPackage> nested) {
    }

    record NestedPackage(PackageDecl decl, List<Item> items) {
    }

    /** A path to an interface or world: either a bare local name or {@code ns:pkg/name@ver}. */
    sealed interface UsePath {
        int pos();

        String display();
    }

    record LocalPath(Ident name) implements UsePath {
        public int pos() {
            return name.pos();
        }

        public String display() {
            return name.name();
        }
    }

    record ForeignPath(Ident namespace, Ident pkg, Ident item, VersionText version, int pos) implements UsePath {
        public String display() {
            return namespace.name() + ":" + pkg.name() + "/" + item.name() + (version == null ? "" : "@" + version.text());
        }

        String packageDisplay() {
            return namespace.name() + ":" + pkg.name() + (version == null ? "" : "@" + version.text());
        }
    }

    sealed interface Item {
    }

    record TopUse(Attrs attrs, UsePath path, Ident alias, int pos) implements Item {
        String localName() {
            if (alias != null) {
                return alias.name();
            }
            return path instanceof LocalPath l ? l.name().name() : ((ForeignPath) path).item().name();
        }

        int namePos() {
            if (alias != null) {
                return alias.pos();
            }
            return path instanceof LocalPath l ? l.name().pos() : ((ForeignPath) path).item().pos();
        }
    }

    record InterfaceDef(String docs, Attrs attrs, Ident name, List<InterfaceItem> items, int pos) implements Item {
    }

    record WorldDef(String docs, Attrs attrs, Ident name, List<WorldItem> items, int pos) implements Item {
    }

    // ---- interface items ----

    sealed interface InterfaceItem {
    }

    record UseName(Ident name, Ident alias) {
        Ident local() {
            return alias != null ? alias : name;
        }
    }

    record UseItem(Attrs attrs, UsePath path, List<UseName> names, int pos) implements InterfaceItem, WorldItem {
    }

    record TypeDefItem(String docs, Attrs attrs, Ident name, TypeBody body, int pos) implements InterfaceItem, WorldItem {
    }

    record FuncItem(String docs, Attrs attrs, Ident name, FuncKind kind, boolean async, List<Param> params,
            TypeExpr result, int pos) implements InterfaceItem {
    }

    enum FuncKind { FREESTANDING, METHOD, STATIC, CONSTRUCTOR }

    record Param(Ident name, TypeExpr type) {
    }

    // ---- type bodies ----

    sealed interface TypeBody {
    }

    record Field(String docs, Ident name, TypeExpr type) {
    }

    record Case(String docs, Ident name, TypeExpr type) {
    }

    record Label(String docs, Ident name) {
    }

    record RecordBody(List<Field> fields, int pos) implements TypeBody {
    }

    record VariantBody(List<Case> cases, int pos) implements TypeBody {
    }

    record EnumBody(List<Label> cases, int pos) implements TypeBody {
    }

    record FlagsBody(List<Label> flags, int pos) implements TypeBody {
    }

    record ResourceBody(List<FuncItem> functions) implements TypeBody {
    }

    record AliasBody(TypeExpr target) implements TypeBody {
    }

    // ---- type expressions ----

    sealed interface TypeExpr {
        int pos();
    }

    record PrimExpr(Type.Primitive primitive, int pos) implements TypeExpr {
    }

    record ListExpr(TypeExpr element, int pos) implements TypeExpr {
    }

    record FixedListExpr(TypeExpr element, long length, int pos) implements TypeExpr {
    }

    record OptionExpr(TypeExpr element, int pos) implements TypeExpr {
    }

    record ResultExpr(TypeExpr ok, TypeExpr err, int pos) implements TypeExpr {
    }

    record TupleExpr(List<TypeExpr> elements, int pos) implements TypeExpr {
    }

    record MapExpr(TypeExpr key, TypeExpr value, int pos) implements TypeExpr {
    }

    record FutureExpr(TypeExpr element, int pos) implements TypeExpr {
    }

    record StreamExpr(TypeExpr element, int pos) implements TypeExpr {
    }

    record HandleExpr(Ident resource, boolean borrow, int pos) implements TypeExpr {
    }

    record NameExpr(Ident name) implements TypeExpr {
        public int pos() {
            return name.pos();
        }
    }

    // ---- world items ----

    sealed interface WorldItem {
    }

    sealed interface ExternKind {
    }

    record FuncExtern(FuncItem func) implements ExternKind {
    }

    record InlineInterfaceExtern(List<InterfaceItem> items, int pos) implements ExternKind {
    }

    record PathExtern(UsePath path) implements ExternKind {
    }

    /** {@code import}/{@code export}; {@code name} is null for the {@code import use-path;} form. */
    record ImportExport(boolean export, String docs, Attrs attrs, Ident name, ExternKind kind, int pos)
            implements WorldItem {
    }

    record IncludeName(Ident from, Ident to) {
    }

    record Include(Attrs attrs, UsePath path, List<IncludeName> with, int pos) implements WorldItem {
    }
}
