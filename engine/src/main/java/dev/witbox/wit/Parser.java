package dev.witbox.wit;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent WIT parser producing {@link Ast}. Stops at the first syntax error. Only type
 * expressions recurse, and their nesting is capped at {@link #MAX_TYPE_DEPTH}.
 */
final class Parser {

    static final int MAX_TYPE_DEPTH = 100;

    private final SourceFile src;
    private final Lexer lx;
    private final ArrayList<Token> buf = new ArrayList<>(4);

    Parser(SourceFile src) {
        this.src = src;
        this.lx = new Lexer(src);
    }

    static Ast.File parse(SourceFile src) {
        return new Parser(src).file();
    }

    // ------------------------------------------------------------------ token helpers

    private Token peek() {
        return peek(0);
    }

    private Token peek(int n) {
        while (buf.size() <= n) {
            buf.add(lx.next());
        }
        return buf.get(n);
    }

    private Token advance() {
        Token t = peek();
        buf.remove(0);
        return t;
    }

    private boolean at(Tok k) {
        return peek().kind() == k;
    }

    private boolean eat(Tok k) {
        if (at(k)) {
            advance();
            return true;
        }
        return false;
    }

    private WitException error(int pos, String msg) {
        return new WitException(src.diagnostic(pos, msg));
    }

    private WitException unexpected(String expected, String context) {
        Token t = peek();
        return error(t.start(), "expected " + expected + (context.isEmpty() ? "" : " " + context) + ", found "
                + t.describe() + hint(t));
    }

    /** An empty record/variant/enum/flags body: the grammar needs an element where the '}' is. */
    private WitException emptyBody(String what, String ctx, String rule) {
        Token t = peek();
        return error(t.start(), "expected an identifier (" + what + ") in " + ctx + ", found " + t.describe()
                + "; " + rule);
    }

    private static String hint(Token t) {
        if (t.kind().keyword) {
            return " (write '%" + t.text() + "' to use a keyword as a name)";
        }
        return "";
    }

    private Token expect(Tok k, String context) {
        if (!at(k)) {
            Token t = peek();
            throw error(t.start(), "expected " + k.describe() + (context.isEmpty() ? "" : " " + context) + ", found "
                    + t.describe());
        }
        return advance();
    }

    private Ast.Ident ident(String what, String context) {
        Token t = peek();
        if (t.kind() != Tok.ID) {
            throw unexpected(what, context);
        }
        advance();
        return new Ast.Ident(t.text(), t.start());
    }

    private Ast.VersionText version() {
        int from = buf.isEmpty() ? lx.position() : buf.get(0).start();
        buf.clear();
        return lx.scanVersion(from);
    }

    private static String q(String s) {
        return "'" + Token.shorten(s) + "'";
    }

    // ------------------------------------------------------------------ docs

    static String normalizeDocs(List<String> lines) {
        if (lines == null || lines.isEmpty()) {
            return "";
        }
        List<String> ls = new ArrayList<>(lines.size());
        for (String l : lines) {
            ls.add(l.stripTrailing());
        }
        int min = Integer.MAX_VALUE;
        for (String l : ls) {
            if (!l.isEmpty()) {
                int n = 0;
                while (n < l.length() && (l.charAt(n) == ' ' || l.charAt(n) == '\t')) {
                    n++;
                }
                min = Math.min(min, n);
            }
        }
        int first = 0;
        int last = ls.size() - 1;
        while (first <= last && ls.get(first).isEmpty()) {
            first++;
        }
        while (last >= first && ls.get(last).isEmpty()) {
            last--;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = first; i <= last; i++) {
            String l = ls.get(i);
            if (i > first) {
                sb.append('\n');
            }
            sb.append(l.isEmpty() ? l : l.substring(min));
        }
        return sb.toString();
    }

    private List<String> docsOf(Token t) {
        return t.docs() == null ? List.of() : t.docs();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        List<String> r = new ArrayList<>(a);
        r.addAll(b);
        return r;
    }

    // ------------------------------------------------------------------ file & packages

    private Ast.File file() {
        Ast.PackageDecl header = null;
        List<Ast.Item> items = new ArrayList<>();
        List<Ast.NestedPackage> nested = new ArrayList<>();
        boolean first = true;
        while (!at(Tok.EOF)) {
            List<String> docs = docsOf(peek());
            if (at(Tok.PACKAGE)) {
                Ast.PackageDecl decl = packageDecl(normalizeDocs(docs));
                if (at(Tok.SEMI)) {
                    advance();
                    if (!first) {
                        throw error(decl.pos(), "'package " + decl.display()
                                + ";' must be the first item of the file");
                    }
                    header = decl;
                } else if (at(Tok.LBRACE)) {
                    advance();
                    List<Ast.Item> pitems = new ArrayList<>();
                    while (!at(Tok.RBRACE)) {
                        if (at(Tok.EOF)) {
                            throw unexpected("'}'", "to close package '" + decl.display() + "'");
                        }
                        if (at(Tok.PACKAGE)) {
                            throw error(peek().start(), "packages cannot be nested inside package '"
                                    + decl.display() + "'");
                        }
                        pitems.add(topItem());
                    }
                    advance();
                    nested.add(new Ast.NestedPackage(decl, pitems));
                } else {
                    throw unexpected("';' or '{'", "after package '" + decl.display() + "'");
                }
            } else {
                items.add(topItem());
            }
            first = false;
        }
        return new Ast.File(src, header, items, nested);
    }

    private Ast.PackageDecl packageDecl(String docs) {
        Token kw = expect(Tok.PACKAGE, "");
        Ast.Ident ns = ident("a package namespace", "after 'package'");
        expect(Tok.COLON, "after package namespace " + q(ns.name()));
        Ast.Ident name = ident("a package name", "after " + q(ns.name() + ":"));
        if (at(Tok.COLON) || at(Tok.SLASH)) {
            throw error(peek().start(), "nested namespaces and packages (" + q(ns.name() + ":" + name.name()
                    + peek().text() + "...") + ") are not supported");
        }
        checkPackageWords(ns);
        checkPackageWords(name);
        Ast.VersionText v = null;
        if (eat(Tok.AT)) {
            v = version();
        }
        return new Ast.PackageDecl(docs, ns, name, v, kw.start());
    }

    private void checkPackageWords(Ast.Ident id) {
        if (!Names.isLowercaseWords(id.name())) {
            throw error(id.pos(), "package namespace and name must be lowercase kebab-case, found " + q(id.name()));
        }
    }

    private Ast.Item topItem() {
        Token first = peek();
        List<String> docs = docsOf(first);
        Ast.Attrs attrs = attrs();
        docs = concat(docs, attrs.isEmpty() ? List.of() : docsOf(peek()));
        String d = normalizeDocs(docs);
        switch (peek().kind()) {
            case INTERFACE:
                return interfaceDef(d, attrs);
            case WORLD:
                return worldDef(d, attrs);
            case USE: {
                if (!attrs.isEmpty()) {
                    throw error(attrs.firstPos(), "gates are not allowed on a top-level 'use'");
                }
                Token kw = advance();
                Ast.UsePath path = usePath("after 'use'");
                Ast.Ident alias = null;
                if (eat(Tok.AS)) {
                    alias = ident("a name", "after 'as'");
                }
                expect(Tok.SEMI, "after 'use " + path.display() + "'");
                return new Ast.TopUse(attrs, path, alias, kw.start());
            }
            default:
                throw unexpected("'interface', 'world', 'use' or 'package'", "");
        }
    }

    // ------------------------------------------------------------------ attributes

    private Ast.Attrs attrs() {
        Ast.VersionText since = null;
        Ast.Ident unstable = null;
        Ast.VersionText deprecated = null;
        String externalId = null;
        int sincePos = -1;
        int unstablePos = -1;
        int deprecatedPos = -1;
        int externalIdPos = -1;
        while (at(Tok.AT)) {
            Token at = advance();
            Token nameTok = peek();
            if (nameTok.kind() != Tok.ID || nameTok.start() != at.end()) {
                throw unexpected("'since', 'unstable', 'deprecated' or 'external-id'", "after '@'");
            }
            advance();
            String name = nameTok.text();
            switch (name) {
                case "since" -> {
                    if (since != null) {
                        throw error(at.start(), "@since specified twice");
                    }
                    since = versionField("@since");
                    sincePos = at.start();
                }
                case "deprecated" -> {
                    if (deprecated != null) {
                        throw error(at.start(), "@deprecated specified twice");
                    }
                    deprecated = versionField("@deprecated");
                    deprecatedPos = at.start();
                }
                case "unstable" -> {
                    if (unstable != null) {
                        throw error(at.start(), "@unstable specified twice");
                    }
                    expect(Tok.LPAREN, "after '@unstable'");
                    Ast.Ident key = ident("'feature'", "in @unstable");
                    if (!key.name().equals("feature")) {
                        throw error(key.pos(), "expected 'feature' in @unstable, found " + q(key.name()));
                    }
                    expect(Tok.EQ, "after 'feature'");
                    unstable = ident("a feature name", "after 'feature ='");
                    expect(Tok.RPAREN, "to close @unstable");
                    unstablePos = at.start();
                }
                case "external-id" -> {
                    if (externalId != null) {
                        throw error(at.start(), "@external-id specified twice");
                    }
                    expect(Tok.LPAREN, "after '@external-id'");
                    Token s = expect(Tok.STRING, "in @external-id");
                    expect(Tok.RPAREN, "to close @external-id");
                    externalId = s.text();
                    externalIdPos = at.start();
                }
                default -> throw error(at.start(), "unknown attribute '@" + Token.shorten(name)
                        + "'; expected @since, @unstable, @deprecated or @external-id"
                        + Names.didYouMean(name, List.of("since", "unstable", "deprecated", "external-id")));
            }
        }
        if (since == null && unstable == null && deprecated == null && externalId == null) {
            return Ast.Attrs.NONE;
        }
        if (since != null && unstable != null) {
            throw error(Math.max(sincePos, unstablePos), "an item cannot be both @since and @unstable");
        }
        if (deprecated != null && since == null && unstable == null) {
            throw error(deprecatedPos, "@deprecated must be paired with @since or @unstable");
        }
        return new Ast.Attrs(since, unstable, deprecated, externalId, sincePos, unstablePos, deprecatedPos,
                externalIdPos);
    }

    private Ast.VersionText versionField(String gate) {
        expect(Tok.LPAREN, "after '" + gate + "'");
        Ast.Ident key = ident("'version'", "in " + gate);
        if (!key.name().equals("version")) {
            throw error(key.pos(), "expected 'version' in " + gate + ", found " + q(key.name()));
        }
        expect(Tok.EQ, "after 'version'");
        Ast.VersionText v = version();
        expect(Tok.RPAREN, "to close " + gate);
        return v;
    }

    private void noExternalId(Ast.Attrs attrs, String what) {
        if (attrs.externalId() != null) {
            throw error(attrs.externalIdPos(), "@external-id is not allowed on " + what);
        }
    }

    // ------------------------------------------------------------------ paths

    private Ast.UsePath usePath(String context) {
        Ast.Ident first = ident("an interface name", context);
        if (!at(Tok.COLON)) {
            return new Ast.LocalPath(first);
        }
        advance();
        Ast.Ident pkg = ident("a package name", "after " + q(first.name() + ":"));
        if (at(Tok.COLON)) {
            throw error(peek().start(), "nested namespaces (" + q(first.name() + ":" + pkg.name() + ":...")
                    + ") are not supported");
        }
        if (at(Tok.SEMI) || at(Tok.AT) || at(Tok.DOT) || at(Tok.EOF)) {
            // WIT.md: `a:b` is lexed as one token naming a package, "error: can't import a package"
            String p = first.name() + ":" + pkg.name();
            throw error(first.pos(), q(p) + " names a package, which cannot be imported, exported, used or "
                    + "included by itself: expected '/' and an interface or world name, like '" + p + "/name'");
        }
        if (!at(Tok.SLASH)) {
            throw error(peek().start(), "expected '/' after package " + q(first.name() + ":" + pkg.name())
                    + ", found " + peek().describe() + " (name an interface or world, like '" + first.name()
                    + ":" + pkg.name() + "/name')");
        }
        advance();
        Ast.Ident item = ident("an interface or world name", "after " + q(first.name() + ":" + pkg.name() + "/"));
        if (at(Tok.SLASH)) {
            throw error(peek().start(), "nested packages (" + q(first.name() + ":" + pkg.name() + "/"
                    + item.name() + "/...") + ") are not supported");
        }
        checkPackageWords(first);
        checkPackageWords(pkg);
        Ast.VersionText v = null;
        if (eat(Tok.AT)) {
            v = version();
        }
        return new Ast.ForeignPath(first, pkg, item, v, first.pos());
    }

    // ------------------------------------------------------------------ interfaces

    private Ast.InterfaceDef interfaceDef(String docs, Ast.Attrs attrs) {
        noExternalId(attrs, "an interface");
        Token kw = expect(Tok.INTERFACE, "");
        Ast.Ident name = ident("an interface name", "after 'interface'");
        String ctx = "interface " + q(name.name());
        expect(Tok.LBRACE, "after " + ctx);
        List<Ast.InterfaceItem> items = interfaceBody(ctx);
        return new Ast.InterfaceDef(docs, attrs, name, items, kw.start());
    }

    /** Items up to and including the closing brace. */
    private List<Ast.InterfaceItem> interfaceBody(String ctx) {
        List<Ast.InterfaceItem> items = new ArrayList<>();
        while (!at(Tok.RBRACE)) {
            if (at(Tok.EOF)) {
                throw unexpected("'}'", "to close " + ctx);
            }
            items.add(interfaceItem(ctx));
        }
        advance();
        return items;
    }

    private Ast.InterfaceItem interfaceItem(String ctx) {
        List<String> docs = docsOf(peek());
        Ast.Attrs attrs = attrs();
        if (!attrs.isEmpty()) {
            docs = concat(docs, docsOf(peek()));
        }
        String d = normalizeDocs(docs);
        Token t = peek();
        switch (t.kind()) {
            case USE:
                noExternalId(attrs, "a 'use'");
                return useItem(attrs);
            case TYPE, RECORD, VARIANT, ENUM, FLAGS, RESOURCE:
                return typeDef(d, attrs);
            case ID:
                if (peek(1).kind() == Tok.COLON) {
                    return funcItem(d, attrs, ctx);
                }
                throw error(peek(1).start(), "expected ':' after " + q(t.text()) + " in " + ctx + ", found "
                        + peek(1).describe());
            default:
                throw unexpected("a type definition, 'use' or a function", "in " + ctx);
        }
    }

    private Ast.UseItem useItem(Ast.Attrs attrs) {
        Token kw = expect(Tok.USE, "");
        Ast.UsePath path = usePath("after 'use'");
        String ctx = "'use " + path.display() + "'";
        if (!at(Tok.DOT)) {
            throw unexpected("'.{'", "after " + ctx + " (a 'use' inside an interface or world names types: 'use "
                    + path.display() + ".{name}')");
        }
        advance();
        expect(Tok.LBRACE, "after " + ctx + ".");
        List<Ast.UseName> names = new ArrayList<>();
        while (true) {
            if (at(Tok.RBRACE)) {
                // an empty list is valid for wit-parser (it uses nothing but makes the interface a dependency)
                break;
            }
            Ast.Ident n = ident("a type name", "in " + ctx);
            Ast.Ident alias = null;
            if (eat(Tok.AS)) {
                alias = ident("a name", "after 'as'");
            }
            names.add(new Ast.UseName(n, alias));
            if (!eat(Tok.COMMA)) {
                if (!at(Tok.RBRACE)) {
                    throw unexpected("',' or '}'", "in " + ctx);
                }
            }
        }
        advance();
        expect(Tok.SEMI, "after " + ctx);
        return new Ast.UseItem(attrs, path, names, kw.start());
    }

    private Ast.FuncItem funcItem(String docs, Ast.Attrs attrs, String ctx) {
        Ast.Ident name = ident("a function name", "in " + ctx);
        expect(Tok.COLON, "after " + q(name.name()));
        boolean async = eat(Tok.ASYNC);
        if (!at(Tok.FUNC)) {
            throw unexpected("'func'", "after " + q(name.name() + ":") + (async ? " async" : ""));
        }
        return funcRest(docs, attrs, name, Ast.FuncKind.FREESTANDING, async);
    }

    /** Parses {@code func(params) -> result;} after the name and colon. */
    private Ast.FuncItem funcRest(String docs, Ast.Attrs attrs, Ast.Ident name, Ast.FuncKind kind, boolean async) {
        expect(Tok.FUNC, "after " + q(name.name() + ":"));
        String what = "function " + q(name.name());
        List<Ast.Param> params = paramList(what);
        Ast.TypeExpr result = null;
        if (eat(Tok.ARROW)) {
            result = type(0);
        }
        expect(Tok.SEMI, "after " + what);
        return new Ast.FuncItem(docs, attrs, name, kind, async, params, result, name.pos());
    }

    private List<Ast.Param> paramList(String what) {
        expect(Tok.LPAREN, "after 'func' of " + what);
        List<Ast.Param> params = new ArrayList<>();
        while (!at(Tok.RPAREN)) {
            Ast.Ident p = ident("a parameter name", "in " + what);
            expect(Tok.COLON, "after parameter " + q(p.name()) + " of " + what);
            params.add(new Ast.Param(p, type(0)));
            if (!eat(Tok.COMMA) && !at(Tok.RPAREN)) {
                throw unexpected("',' or ')'", "in the parameters of " + what);
            }
        }
        advance();
        return params;
    }

    // ------------------------------------------------------------------ type definitions

    private Ast.TypeDefItem typeDef(String docs, Ast.Attrs attrs) {
        Token kw = advance();
        Ast.Ident name = ident("a type name", "after '" + kw.kind().text + "'");
        String ctx = kw.kind().text + " " + q(name.name());
        Ast.TypeBody body;
        switch (kw.kind()) {
            case TYPE -> {
                expect(Tok.EQ, "after 'type " + Token.shorten(name.name()) + "'");
                Ast.TypeExpr t = type(0);
                expect(Tok.SEMI, "after " + ctx);
                body = new Ast.AliasBody(t);
            }
            case RECORD -> {
                int open = expect(Tok.LBRACE, "after " + ctx).start();
                List<Ast.Field> fields = new ArrayList<>();
                while (!at(Tok.RBRACE)) {
                    String fd = normalizeDocs(docsOf(peek()));
                    Ast.Ident f = ident("a field name", "in " + ctx);
                    expect(Tok.COLON, "after field " + q(f.name()) + " in " + ctx);
                    fields.add(new Ast.Field(fd, f, type(0)));
                    if (!eat(Tok.COMMA) && !at(Tok.RBRACE)) {
                        throw unexpected("',' or '}'", "in " + ctx);
                    }
                }
                // no fields is valid WIT for wit-parser (code generators emit such records); only a
                // component's type section may not hold one (Binary.md), which is the generator's concern
                advance();
                body = new Ast.RecordBody(fields, open);
            }
            case VARIANT -> {
                int open = expect(Tok.LBRACE, "after " + ctx).start();
                List<Ast.Case> cases = new ArrayList<>();
                while (!at(Tok.RBRACE)) {
                    String cd = normalizeDocs(docsOf(peek()));
                    Ast.Ident c = ident("a case name", "in " + ctx);
                    Ast.TypeExpr payload = null;
                    if (eat(Tok.LPAREN)) {
                        payload = type(0);
                        expect(Tok.RPAREN, "after the payload of case " + q(c.name()));
                    }
                    cases.add(new Ast.Case(cd, c, payload));
                    if (!eat(Tok.COMMA) && !at(Tok.RBRACE)) {
                        throw unexpected("',' or '}'", "in " + ctx);
                    }
                }
                if (cases.isEmpty()) {
                    throw emptyBody("a case name", ctx, "a variant must have at least one case");
                }
                advance();
                body = new Ast.VariantBody(cases, open);
            }
            case ENUM, FLAGS -> {
                int open = expect(Tok.LBRACE, "after " + ctx).start();
                List<Ast.Label> labels = new ArrayList<>();
                while (!at(Tok.RBRACE)) {
                    String ld = normalizeDocs(docsOf(peek()));
                    Ast.Ident c = ident(kw.kind() == Tok.ENUM ? "a case name" : "a flag name", "in " + ctx);
                    labels.add(new Ast.Label(ld, c));
                    if (!eat(Tok.COMMA) && !at(Tok.RBRACE)) {
                        throw unexpected("',' or '}'", "in " + ctx);
                    }
                }
                if (labels.isEmpty() && kw.kind() == Tok.ENUM) {
                    // wit-parser refuses an empty enum (and variant) but not empty flags
                    throw emptyBody("a case name", ctx, "an enum must have at least one case");
                }
                advance();
                body = kw.kind() == Tok.ENUM ? new Ast.EnumBody(labels, open) : new Ast.FlagsBody(labels, open);
            }
            case RESOURCE -> {
                List<Ast.FuncItem> funcs = new ArrayList<>();
                if (eat(Tok.SEMI)) {
                    body = new Ast.ResourceBody(funcs);
                } else {
                    expect(Tok.LBRACE, "or ';' after " + ctx);
                    while (!at(Tok.RBRACE)) {
                        if (at(Tok.EOF)) {
                            throw unexpected("'}'", "to close " + ctx);
                        }
                        funcs.add(resourceFunc(ctx));
                    }
                    advance();
                    body = new Ast.ResourceBody(funcs);
                }
            }
            default -> throw new IllegalStateException();
        }
        return new Ast.TypeDefItem(docs, attrs, name, body, kw.start());
    }

    private Ast.FuncItem resourceFunc(String ctx) {
        List<String> docs = docsOf(peek());
        Ast.Attrs attrs = attrs();
        if (!attrs.isEmpty()) {
            docs = concat(docs, docsOf(peek()));
        }
        String d = normalizeDocs(docs);
        if (at(Tok.CONSTRUCTOR)) {
            Token kw = advance();
            Ast.Ident name = new Ast.Ident("constructor", kw.start());
            List<Ast.Param> params = paramList("the constructor of " + ctx);
            Ast.TypeExpr result = null;
            if (eat(Tok.ARROW)) {
                result = type(0);
            }
            expect(Tok.SEMI, "after the constructor of " + ctx);
            return new Ast.FuncItem(d, attrs, name, Ast.FuncKind.CONSTRUCTOR, false, params, result, kw.start());
        }
        if (!at(Tok.ID)) {
            throw unexpected("'constructor' or a function", "in " + ctx);
        }
        Ast.Ident name = ident("a function name", "in " + ctx);
        expect(Tok.COLON, "after " + q(name.name()) + " in " + ctx);
        boolean isStatic = eat(Tok.STATIC);
        boolean async = eat(Tok.ASYNC);
        if (!at(Tok.FUNC)) {
            throw unexpected("'func'", "after " + q(name.name() + ":") + (isStatic ? " static" : "")
                    + (async ? " async" : ""));
        }
        return funcRest(d, attrs, name, isStatic ? Ast.FuncKind.STATIC : Ast.FuncKind.METHOD, async);
    }

    // ------------------------------------------------------------------ types

    private Ast.TypeExpr type(int depth) {
        Token t = peek();
        if (depth >= MAX_TYPE_DEPTH) {
            throw error(t.start(), "types are nested too deeply (more than " + MAX_TYPE_DEPTH + " levels)");
        }
        Type.Primitive prim = switch (t.kind()) {
            case BOOL -> Type.Primitive.BOOL;
            case S8 -> Type.Primitive.S8;
            case S16 -> Type.Primitive.S16;
            case S32 -> Type.Primitive.S32;
            case S64 -> Type.Primitive.S64;
            case U8 -> Type.Primitive.U8;
            case U16 -> Type.Primitive.U16;
            case U32 -> Type.Primitive.U32;
            case U64 -> Type.Primitive.U64;
            case F32 -> Type.Primitive.F32;
            case F64 -> Type.Primitive.F64;
            case CHAR -> Type.Primitive.CHAR;
            case STRING_KW -> Type.Primitive.STRING;
            case ERROR_CONTEXT -> Type.Primitive.ERROR_CONTEXT;
            default -> null;
        };
        if (prim != null) {
            advance();
            return new Ast.PrimExpr(prim, t.start());
        }
        switch (t.kind()) {
            case LIST: {
                advance();
                expect(Tok.LT, "after 'list'");
                Ast.TypeExpr e = type(depth + 1);
                if (eat(Tok.COMMA)) {
                    Token n = expect(Tok.INTEGER, "for the length of 'list<T, N>'");
                    long len;
                    try {
                        len = Long.parseLong(n.text());
                    } catch (NumberFormatException ex) {
                        len = -1;
                    }
                    if (len <= 0 || len > 0xFFFF_FFFFL || (n.text().length() > 1 && n.text().charAt(0) == '0')) {
                        throw error(n.start(), "fixed list length must be an integer from 1 to 4294967295 without "
                                + "leading zeros, found " + q(n.text()));
                    }
                    expect(Tok.GT, "to close 'list<'");
                    return new Ast.FixedListExpr(e, len, t.start());
                }
                expect(Tok.GT, "to close 'list<'");
                return new Ast.ListExpr(e, t.start());
            }
            case OPTION: {
                advance();
                expect(Tok.LT, "after 'option'");
                Ast.TypeExpr e = type(depth + 1);
                expect(Tok.GT, "to close 'option<'");
                return new Ast.OptionExpr(e, t.start());
            }
            case RESULT: {
                advance();
                if (!eat(Tok.LT)) {
                    return new Ast.ResultExpr(null, null, t.start());
                }
                Ast.TypeExpr ok = null;
                Ast.TypeExpr err = null;
                if (eat(Tok.UNDERSCORE)) {
                    expect(Tok.COMMA, "after 'result<_' (use 'result' for no ok and no error type)");
                    err = type(depth + 1);
                } else {
                    ok = type(depth + 1);
                    if (eat(Tok.COMMA)) {
                        err = type(depth + 1);
                    }
                }
                expect(Tok.GT, "to close 'result<'");
                return new Ast.ResultExpr(ok, err, t.start());
            }
            case TUPLE: {
                advance();
                expect(Tok.LT, "after 'tuple'");
                List<Ast.TypeExpr> es = new ArrayList<>();
                while (!at(Tok.GT)) {
                    es.add(type(depth + 1));
                    if (!eat(Tok.COMMA) && !at(Tok.GT)) {
                        throw unexpected("',' or '>'", "in 'tuple<'");
                    }
                }
                advance();
                return new Ast.TupleExpr(es, t.start());
            }
            case MAP: {
                advance();
                expect(Tok.LT, "after 'map'");
                Ast.TypeExpr k = type(depth + 1);
                expect(Tok.COMMA, "after the key type of 'map<K, V>'");
                Ast.TypeExpr v = type(depth + 1);
                expect(Tok.GT, "to close 'map<'");
                return new Ast.MapExpr(k, v, t.start());
            }
            case FUTURE, STREAM: {
                advance();
                Ast.TypeExpr e = null;
                if (eat(Tok.LT)) {
                    e = type(depth + 1);
                    expect(Tok.GT, "to close '" + t.kind().text + "<'");
                }
                return t.kind() == Tok.FUTURE ? new Ast.FutureExpr(e, t.start()) : new Ast.StreamExpr(e, t.start());
            }
            case OWN, BORROW: {
                advance();
                expect(Tok.LT, "after '" + t.kind().text + "'");
                Ast.Ident r = ident("a resource name", "in '" + t.kind().text + "<'");
                expect(Tok.GT, "to close '" + t.kind().text + "<'");
                return new Ast.HandleExpr(r, t.kind() == Tok.BORROW, t.start());
            }
            case ID:
                advance();
                return new Ast.NameExpr(new Ast.Ident(t.text(), t.start()));
            default:
                throw unexpected("a type", "");
        }
    }

    // ------------------------------------------------------------------ worlds

    private Ast.WorldDef worldDef(String docs, Ast.Attrs attrs) {
        noExternalId(attrs, "a world");
        Token kw = expect(Tok.WORLD, "");
        Ast.Ident name = ident("a world name", "after 'world'");
        String ctx = "world " + q(name.name());
        expect(Tok.LBRACE, "after " + ctx);
        List<Ast.WorldItem> items = new ArrayList<>();
        while (!at(Tok.RBRACE)) {
            if (at(Tok.EOF)) {
                throw unexpected("'}'", "to close " + ctx);
            }
            items.add(worldItem(ctx));
        }
        advance();
        return new Ast.WorldDef(docs, attrs, name, items, kw.start());
    }

    private Ast.WorldItem worldItem(String ctx) {
        List<String> docs = docsOf(peek());
        Ast.Attrs attrs = attrs();
        if (!attrs.isEmpty()) {
            docs = concat(docs, docsOf(peek()));
        }
        String d = normalizeDocs(docs);
        switch (peek().kind()) {
            case IMPORT, EXPORT:
                return importExport(d, attrs, ctx);
            case USE:
                noExternalId(attrs, "a 'use'");
                return useItem(attrs);
            case TYPE, RECORD, VARIANT, ENUM, FLAGS, RESOURCE:
                return typeDef(d, attrs);
            case INCLUDE:
                noExternalId(attrs, "an 'include'");
                return include(attrs);
            default:
                throw unexpected("'import', 'export', 'include', 'use' or a type definition", "in " + ctx);
        }
    }

    private Ast.WorldItem importExport(String docs, Ast.Attrs attrs, String ctx) {
        Token kw = advance();
        boolean export = kw.kind() == Tok.EXPORT;
        String verb = export ? "export" : "import";
        Token t0 = peek();
        if (t0.kind() == Tok.ID && peek(1).kind() == Tok.COLON) {
            Token colon = peek(1);
            Token t2 = peek(2);
            boolean glued = colon.start() == t0.end() && t2.start() == colon.end() && t2.kind() == Tok.ID;
            if (!glued) {
                Ast.Ident name = ident("a name", "after '" + verb + "'");
                advance(); // ':'
                if (at(Tok.FUNC) || at(Tok.ASYNC)) {
                    boolean async = eat(Tok.ASYNC);
                    if (!at(Tok.FUNC)) {
                        throw unexpected("'func'", "after 'async'");
                    }
                    Ast.FuncItem f = funcRest(docs, Ast.Attrs.NONE, name, Ast.FuncKind.FREESTANDING, async);
                    return new Ast.ImportExport(export, docs, attrs, name, new Ast.FuncExtern(f), kw.start());
                }
                if (at(Tok.INTERFACE)) {
                    Token ik = advance();
                    String ictx = "interface " + q(name.name());
                    expect(Tok.LBRACE, "after '" + verb + " " + Token.shorten(name.name()) + ": interface'");
                    List<Ast.InterfaceItem> items = interfaceBody(ictx);
                    return new Ast.ImportExport(export, docs, attrs, name,
                            new Ast.InlineInterfaceExtern(items, ik.start()), kw.start());
                }
                if (at(Tok.ID)) {
                    Ast.UsePath p = usePath("after '" + verb + " " + Token.shorten(name.name()) + ":'");
                    expect(Tok.SEMI, "after '" + verb + " " + Token.shorten(name.name()) + ": " + p.display() + "'");
                    return new Ast.ImportExport(export, docs, attrs, name, new Ast.PathExtern(p), kw.start());
                }
                throw unexpected("'func', 'async func', 'interface' or an interface name",
                        "after '" + verb + " " + Token.shorten(name.name()) + ":'");
            }
        }
        Ast.UsePath p = usePath("after '" + verb + "'");
        expect(Tok.SEMI, "after '" + verb + " " + p.display() + "'");
        return new Ast.ImportExport(export, docs, attrs, null, new Ast.PathExtern(p), kw.start());
    }

    private Ast.Include include(Ast.Attrs attrs) {
        Token kw = expect(Tok.INCLUDE, "");
        Ast.UsePath p = usePath("after 'include'");
        List<Ast.IncludeName> with = new ArrayList<>();
        if (eat(Tok.WITH)) {
            expect(Tok.LBRACE, "after 'with'");
            while (!at(Tok.RBRACE)) {
                Ast.Ident from = ident("a name", "in 'with { .. }'");
                expect(Tok.AS, "after " + q(from.name()) + " in 'with { .. }'");
                Ast.Ident to = ident("a name", "after 'as'");
                with.add(new Ast.IncludeName(from, to));
                if (!eat(Tok.COMMA) && !at(Tok.RBRACE)) {
                    throw unexpected("',' or '}'", "in 'with { .. }'");
                }
            }
            advance();
            eat(Tok.SEMI);
        } else {
            expect(Tok.SEMI, "after 'include " + p.display() + "'");
        }
        return new Ast.Include(attrs, p, with, kw.start());
    }
}
