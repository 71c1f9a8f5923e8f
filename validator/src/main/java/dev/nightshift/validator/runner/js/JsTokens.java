package dev.nightshift.validator.runner.js;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * A JavaScript (and TypeScript) tokenizer just precise enough to find calls and their parentheses: it skips
 * comments, reads string and template literals (with {@code ${…}} substitutions, nested at any depth) and
 * tells a regular expression literal from a division by the token before the slash, the usual rule of
 * tokenizers that have no parser behind them. Anything else is an identifier or a single punctuation mark.
 */
final class JsTokens {
    enum Kind {
        IDENT,
        STRING,
        TEMPLATE,
        REGEX,
        NUMBER,
        PUNCT
    }

    /**
     * @param text  the token's source text; for a string, or a template without substitutions, its value
     * @param start offset of the token's first character
     * @param end   offset after its last character
     */
    record Token(Kind kind, String text, int start, int end) {
        boolean is(char punct) {
            return kind == Kind.PUNCT && text.length() == 1 && text.charAt(0) == punct;
        }
    }

    private static final Set<String> BEFORE_EXPRESSION = Set.of(
            "return",
            "typeof",
            "instanceof",
            "in",
            "of",
            "new",
            "delete",
            "void",
            "throw",
            "case",
            "do",
            "else",
            "yield",
            "await");
    private static final String PUNCT_BEFORE_EXPRESSION = "(,=:[!&|?{};+-*%<>~^";

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    /** For each open brace: whether it opened a template substitution rather than a block. */
    private final Deque<Boolean> braces = new ArrayDeque<>();

    private int pos;

    private JsTokens(String src) {
        this.src = src;
    }

    static List<Token> of(String src) {
        JsTokens t = new JsTokens(src);
        t.scan();
        return t.tokens;
    }

    private void scan() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '/' && peek(1) == '/') {
                int eol = src.indexOf('\n', pos);
                pos = eol < 0 ? src.length() : eol;
            } else if (c == '/' && peek(1) == '*') {
                int close = src.indexOf("*/", pos + 2);
                pos = close < 0 ? src.length() : close + 2;
            } else if (c == '\'' || c == '"') {
                string(c);
            } else if (c == '`') {
                template(pos, pos + 1);
            } else if (c == '}' && !braces.isEmpty() && braces.peek()) {
                braces.pop();
                template(pos, pos + 1);
            } else if (c == '/' && regexAllowed()) {
                regex();
            } else if (Character.isJavaIdentifierStart(c) || c == '#' || c == '@') {
                int start = pos++;
                while (pos < src.length() && Character.isJavaIdentifierPart(src.charAt(pos))) {
                    pos++;
                }
                tokens.add(new Token(Kind.IDENT, src.substring(start, pos), start, pos));
            } else if (Character.isDigit(c)) {
                int start = pos++;
                while (pos < src.length()
                        && (Character.isLetterOrDigit(src.charAt(pos))
                                || src.charAt(pos) == '.'
                                || src.charAt(pos) == '_')) {
                    pos++;
                }
                tokens.add(new Token(Kind.NUMBER, src.substring(start, pos), start, pos));
            } else {
                if (c == '{') {
                    braces.push(false);
                } else if (c == '}' && !braces.isEmpty()) {
                    braces.pop();
                }
                tokens.add(new Token(Kind.PUNCT, String.valueOf(c), pos, pos + 1));
                pos++;
            }
        }
    }

    private char peek(int ahead) {
        return pos + ahead < src.length() ? src.charAt(pos + ahead) : '\0';
    }

    private void string(char quote) {
        int start = pos++;
        StringBuilder value = new StringBuilder();
        while (pos < src.length() && src.charAt(pos) != quote && src.charAt(pos) != '\n') {
            if (src.charAt(pos) == '\\' && pos + 1 < src.length()) {
                value.append(unescape(src.charAt(pos + 1)));
                pos += 2;
            } else {
                value.append(src.charAt(pos++));
            }
        }
        pos = Math.min(pos + 1, src.length());
        tokens.add(new Token(Kind.STRING, value.toString(), start, pos));
    }

    /**
     * Reads template text from {@code from} up to its closing backtick or its next substitution. A template
     * without substitutions becomes a STRING token holding its value; one with substitutions becomes TEMPLATE
     * tokens around the substitutions' own tokens.
     */
    private void template(int tokenStart, int from) {
        pos = from;
        StringBuilder value = new StringBuilder();
        boolean whole = src.charAt(tokenStart) == '`';
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\\' && pos + 1 < src.length()) {
                value.append(unescape(src.charAt(pos + 1)));
                pos += 2;
            } else if (c == '`') {
                pos++;
                tokens.add(new Token(whole ? Kind.STRING : Kind.TEMPLATE, value.toString(), tokenStart, pos));
                return;
            } else if (c == '$' && peek(1) == '{') {
                pos += 2;
                braces.push(true);
                tokens.add(new Token(Kind.TEMPLATE, value.toString(), tokenStart, pos));
                return;
            } else {
                value.append(c);
                pos++;
            }
        }
        tokens.add(new Token(Kind.TEMPLATE, value.toString(), tokenStart, pos));
    }

    private boolean regexAllowed() {
        if (tokens.isEmpty()) {
            return true;
        }
        Token last = tokens.get(tokens.size() - 1);
        return switch (last.kind()) {
            case PUNCT -> PUNCT_BEFORE_EXPRESSION.contains(last.text());
            case IDENT -> BEFORE_EXPRESSION.contains(last.text());
            case TEMPLATE -> last.end() > 1 && src.startsWith("${", last.end() - 2);
            default -> false;
        };
    }

    private void regex() {
        int start = pos++;
        boolean inClass = false;
        while (pos < src.length() && src.charAt(pos) != '\n') {
            char c = src.charAt(pos);
            if (c == '\\') {
                pos += 2;
                continue;
            }
            if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                pos++;
                break;
            }
            pos++;
        }
        while (pos < src.length() && Character.isLetter(src.charAt(pos))) {
            pos++;
        }
        pos = Math.min(pos, src.length());
        tokens.add(new Token(Kind.REGEX, src.substring(start, pos), start, pos));
    }

    private static char unescape(char c) {
        return switch (c) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            default -> c;
        };
    }
}
