package dev.witbox.wit;

import java.util.ArrayList;
import java.util.List;

/** On-demand WIT lexer; throws {@link WitException} at the first lexical error. */
final class Lexer {

    private final SourceFile src;
    private final String s;
    private int pos;

    Lexer(SourceFile src) {
        this.src = src;
        this.s = src.text;
        this.pos = 0;
        if (s.startsWith("\uFEFF")) {
            pos = 1;
        }
        checkCodePoints();
    }

    int position() {
        return pos;
    }

    void reset(int position) {
        this.pos = position;
    }

    WitException error(int offset, String message) {
        return new WitException(src.diagnostic(offset, message));
    }

    /** Rejects control characters, bidi overrides, deprecated code points and broken surrogates. */
    private void checkCodePoints() {
        for (int i = pos; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                continue;
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                throw error(i, String.format("control character U+%04X is not allowed in WIT", (int) c));
            }
            if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
                throw error(i, String.format("bidirectional override character U+%04X is not allowed in WIT", (int) c));
            }
            if (c == 0x149 || c == 0x673 || c == 0xf77 || c == 0xf79 || c == 0x17a3 || c == 0x17a4 || c == 0x17b4
                    || c == 0x17b5) {
                throw error(i, String.format("code point U+%04X is deprecated or discouraged by Unicode", (int) c));
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw error(i, "invalid Unicode: unpaired surrogate");
            }
            if (Character.isLowSurrogate(c)) {
                throw error(i, "invalid Unicode: unpaired surrogate");
            }
        }
    }

    /** Next significant token; doc comments before it are attached. */
    Token next() {
        List<String> docs = null;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == '/' && pos + 1 < s.length() && s.charAt(pos + 1) == '/') {
                int start = pos;
                int nl = s.indexOf('\n', pos);
                int end = nl < 0 ? s.length() : nl;
                pos = end;
                if (end - start >= 3 && s.charAt(start + 2) == '/' && (end - start == 3 || s.charAt(start + 3) != '/')) {
                    if (docs == null) {
                        docs = new ArrayList<>();
                    }
                    String line = s.substring(start + 3, end);
                    docs.add(stripCr(line));
                }
            } else if (c == '/' && pos + 1 < s.length() && s.charAt(pos + 1) == '*') {
                int start = pos;
                pos += 2;
                int depth = 1;
                while (depth > 0) {
                    if (pos >= s.length()) {
                        throw error(start, "unterminated block comment");
                    }
                    char d = s.charAt(pos);
                    if (d == '/' && pos + 1 < s.length() && s.charAt(pos + 1) == '*') {
                        depth++;
                        pos += 2;
                    } else if (d == '*' && pos + 1 < s.length() && s.charAt(pos + 1) == '/') {
                        depth--;
                        pos += 2;
                    } else {
                        pos++;
                    }
                }
                boolean doc = pos - start >= 5 && s.charAt(start + 2) == '*' && s.charAt(start + 3) != '*'
                        && s.charAt(start + 3) != '/';
                if (doc) {
                    if (docs == null) {
                        docs = new ArrayList<>();
                    }
                    docs.addAll(blockDocLines(s.substring(start + 3, pos - 2)));
                }
            } else {
                break;
            }
        }
        if (pos >= s.length()) {
            return new Token(Tok.EOF, s.length(), s.length(), "", docs);
        }
        int start = pos;
        char c = s.charAt(pos);
        Tok simple = switch (c) {
            case '=' -> Tok.EQ;
            case ',' -> Tok.COMMA;
            case ':' -> Tok.COLON;
            case ';' -> Tok.SEMI;
            case '(' -> Tok.LPAREN;
            case ')' -> Tok.RPAREN;
            case '{' -> Tok.LBRACE;
            case '}' -> Tok.RBRACE;
            case '<' -> Tok.LT;
            case '>' -> Tok.GT;
            case '*' -> Tok.STAR;
            case '/' -> Tok.SLASH;
            case '.' -> Tok.DOT;
            case '@' -> Tok.AT;
            default -> null;
        };
        if (simple != null) {
            pos++;
            return new Token(simple, start, pos, String.valueOf(c), docs);
        }
        if (c == '-' && pos + 1 < s.length() && s.charAt(pos + 1) == '>') {
            pos += 2;
            return new Token(Tok.ARROW, start, pos, "->", docs);
        }
        if (c == '"') {
            String value = stringLiteral();
            return new Token(Tok.STRING, start, pos, value, docs);
        }
        if (c >= '0' && c <= '9') {
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
            return new Token(Tok.INTEGER, start, pos, s.substring(start, pos), docs);
        }
        if (c == '%') {
            pos++;
            int idStart = pos;
            scanWord();
            String word = s.substring(idStart, pos);
            if (word.isEmpty()) {
                throw error(start, "expected an identifier after '%'");
            }
            validateId(start, word); // the token (and so the error) starts at the %
            return new Token(Tok.ID, start, pos, word, docs);
        }
        int cp = s.codePointAt(pos);
        if (Character.isLetter(cp) || c == '_' || c == '-') {
            scanWord();
            String word = s.substring(start, pos);
            if (word.equals("_")) {
                return new Token(Tok.UNDERSCORE, start, pos, word, docs);
            }
            Tok kw = Tok.keyword(word);
            if (kw != null) {
                return new Token(kw, start, pos, word, docs);
            }
            validateId(start, word);
            return new Token(Tok.ID, start, pos, word, docs);
        }
        throw error(start, "unexpected character " + describeChar(cp));
    }

    /**
     * Lines of a block doc comment: the first trimmed, the others dedented together (and a common
     * leading '*' decoration removed); each returned with one leading space like {@code /// x}.
     */
    static List<String> blockDocLines(String body) {
        String[] raw = body.split("\n", -1);
        List<String> lines = new ArrayList<>();
        for (String l : raw) {
            lines.add(stripCr(l).stripTrailing());
        }
        int min = Integer.MAX_VALUE;
        boolean stars = lines.size() > 1;
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank()) {
                continue;
            }
            int n = 0;
            while (n < l.length() && (l.charAt(n) == ' ' || l.charAt(n) == '\t')) {
                n++;
            }
            min = Math.min(min, n);
            if (l.charAt(n) != '*') {
                stars = false;
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (i == 0) {
                l = l.strip();
            } else if (l.isBlank()) {
                l = "";
            } else {
                l = l.substring(min);
                if (stars) {
                    l = l.substring(1);
                    l = l.startsWith(" ") ? l.substring(1) : l;
                }
            }
            out.add(l.isEmpty() ? "" : " " + l);
        }
        return out;
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private void scanWord() {
        while (pos < s.length()) {
            int cp = s.codePointAt(pos);
            if (Character.isLetterOrDigit(cp) || cp == '-' || cp == '_') {
                pos += Character.charCount(cp);
            } else {
                break;
            }
        }
    }

    static String describeChar(int cp) {
        if (cp >= 0x20 && cp < 0x7f) {
            return "'" + (char) cp + "'";
        }
        return String.format("U+%04X", cp) + (Character.isLetterOrDigit(cp) ? " '" + new String(Character.toChars(cp)) + "'" : "");
    }

    /** Validates a kebab-case WIT identifier (without '%'); throws with the offending position. */
    void validateId(int start, String id) {
        String problem = Names.checkId(id);
        if (problem != null) {
            throw error(start, "invalid identifier '" + Token.shorten(id) + "': " + problem);
        }
    }

    /**
     * Scans a semver version starting at {@code from} (after skipping whitespace and comments);
     * leaves the lexer after it. Returns {text, start offset} as a {@link Ast.VersionText}.
     */
    Ast.VersionText scanVersion(int from) {
        pos = from;
        // skip trivia
        Token probe = next();
        pos = probe.start();
        int start = pos;
        if (probe.kind() == Tok.EOF) {
            throw error(start, "expected a version, found end of file");
        }
        readNumber();
        for (int i = 0; i < 2; i++) {
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                readNumber();
            } else {
                break;
            }
        }
        if (pos < s.length() && s.charAt(pos) == '-') {
            pos++;
            readIdentifiers();
        }
        if (pos < s.length() && s.charAt(pos) == '+') {
            pos++;
            readIdentifiers();
        }
        String text = s.substring(start, pos);
        String problem = Version.validate(text);
        if (problem != null) {
            throw error(start, "invalid version '" + Token.shorten(text) + "': " + problem);
        }
        return new Ast.VersionText(text, Version.parse(text), start);
    }

    private void readNumber() {
        while (pos < s.length() && isIdChar(s.charAt(pos)) && s.charAt(pos) != '-') {
            pos++;
        }
    }

    private void readIdentifiers() {
        while (true) {
            while (pos < s.length() && isIdChar(s.charAt(pos))) {
                pos++;
            }
            if (pos + 1 < s.length() && s.charAt(pos) == '.' && isIdChar(s.charAt(pos + 1))) {
                pos++;
            } else {
                return;
            }
        }
    }

    private static boolean isIdChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    }

    /** Reads a string literal with the core WebAssembly {@code name} escapes. */
    private String stringLiteral() {
        int start = pos;
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        java.io.ByteArrayOutputStream bytes = null;
        while (true) {
            if (pos >= s.length()) {
                throw error(start, "unterminated string literal");
            }
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                break;
            }
            if (c == '\n' || c == '\r') {
                throw error(start, "unterminated string literal (strings cannot span lines)");
            }
            if (c != '\\') {
                flushBytes(sb, bytes, start);
                bytes = null;
                sb.append(c);
                pos++;
                continue;
            }
            int escPos = pos;
            pos++;
            if (pos >= s.length()) {
                throw error(start, "unterminated string literal");
            }
            char e = s.charAt(pos);
            pos++;
            switch (e) {
                case 't' -> { flushBytes(sb, bytes, start); bytes = null; sb.append('\t'); }
                case 'n' -> { flushBytes(sb, bytes, start); bytes = null; sb.append('\n'); }
                case 'r' -> { flushBytes(sb, bytes, start); bytes = null; sb.append('\r'); }
                case '"' -> { flushBytes(sb, bytes, start); bytes = null; sb.append('"'); }
                case '\'' -> { flushBytes(sb, bytes, start); bytes = null; sb.append('\''); }
                case '\\' -> { flushBytes(sb, bytes, start); bytes = null; sb.append('\\'); }
                case 'u' -> {
                    flushBytes(sb, bytes, start);
                    bytes = null;
                    if (pos >= s.length() || s.charAt(pos) != '{') {
                        throw error(escPos, "expected '{' after '\\u' in string literal");
                    }
                    pos++;
                    int hexStart = pos;
                    while (pos < s.length() && hex(s.charAt(pos)) >= 0 && pos - hexStart <= 8) {
                        pos++;
                    }
                    if (pos >= s.length() || s.charAt(pos) != '}' || pos == hexStart || pos - hexStart > 6) {
                        throw error(escPos, "invalid '\\u{...}' escape in string literal");
                    }
                    int value = Integer.parseInt(s.substring(hexStart, pos), 16);
                    pos++;
                    if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
                        throw error(escPos, String.format("invalid Unicode scalar value 0x%x in string literal", value));
                    }
                    sb.appendCodePoint(value);
                }
                default -> {
                    int h1 = hex(e);
                    int h2 = pos < s.length() ? hex(s.charAt(pos)) : -1;
                    if (h1 < 0 || h2 < 0) {
                        throw error(escPos, "invalid escape in string literal");
                    }
                    pos++;
                    if (bytes == null) {
                        bytes = new java.io.ByteArrayOutputStream();
                    }
                    bytes.write(h1 * 16 + h2);
                }
            }
        }
        flushBytes(sb, bytes, start);
        return sb.toString();
    }

    private void flushBytes(StringBuilder sb, java.io.ByteArrayOutputStream bytes, int start) {
        if (bytes == null || bytes.size() == 0) {
            return;
        }
        try {
            sb.append(java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())));
        } catch (java.nio.charset.CharacterCodingException ex) {
            throw error(start, "string literal escapes do not form valid UTF-8");
        }
        bytes.reset();
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
