package dev.witbox.wit;

import java.util.HashMap;
import java.util.Map;

/** Token kinds of the WIT lexer. */
enum Tok {
    ID("an identifier"),
    INTEGER("an integer"),
    STRING("a string literal"),
    EOF("end of file"),
    EQ("'='"), COMMA("','"), COLON("':'"), SEMI("';'"), LPAREN("'('"), RPAREN("')'"),
    LBRACE("'{'"), RBRACE("'}'"), LT("'<'"), GT("'>'"), STAR("'*'"), ARROW("'->'"), SLASH("'/'"),
    DOT("'.'"), AT("'@'"), UNDERSCORE("'_'"),
    // keywords
    AS(true, "as"), ASYNC(true, "async"), BOOL(true, "bool"), BORROW(true, "borrow"), CHAR(true, "char"),
    CONSTRUCTOR(true, "constructor"), ENUM(true, "enum"), EXPORT(true, "export"), F32(true, "f32"),
    F64(true, "f64"), FLAGS(true, "flags"), FROM(true, "from"), FUNC(true, "func"), FUTURE(true, "future"),
    IMPORT(true, "import"), INCLUDE(true, "include"), INTERFACE(true, "interface"), LIST(true, "list"),
    MAP(true, "map"), OPTION(true, "option"), OWN(true, "own"), PACKAGE(true, "package"),
    RECORD(true, "record"), RESOURCE(true, "resource"), RESULT(true, "result"), S16(true, "s16"),
    S32(true, "s32"), S64(true, "s64"), S8(true, "s8"), STATIC(true, "static"), STREAM(true, "stream"),
    STRING_KW(true, "string"), TUPLE(true, "tuple"), TYPE(true, "type"), U16(true, "u16"), U32(true, "u32"),
    U64(true, "u64"), U8(true, "u8"), USE(true, "use"), VARIANT(true, "variant"), WITH(true, "with"),
    WORLD(true, "world"), ERROR_CONTEXT(true, "error-context");

    final boolean keyword;
    final String text;

    Tok(String description) {
        this.keyword = false;
        this.text = description;
    }

    Tok(boolean keyword, String text) {
        this.keyword = keyword;
        this.text = text;
    }

    String describe() {
        return keyword ? "keyword '" + text + "'" : text;
    }

    private static final Map<String, Tok> KEYWORDS = new HashMap<>();

    static {
        for (Tok t : values()) {
            if (t.keyword) {
                KEYWORDS.put(t.text, t);
            }
        }
    }

    /** The keyword token for {@code word}, or null. */
    static Tok keyword(String word) {
        return KEYWORDS.get(word);
    }

    /** Whether {@code name} must be written {@code %name} to be used as an identifier. */
    static boolean isKeyword(String name) {
        return KEYWORDS.containsKey(name);
    }
}
