package dev.nightshift.validator.runner.js;

import dev.nightshift.validator.runner.js.JsTokens.Kind;
import dev.nightshift.validator.runner.js.JsTokens.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Removes failing cases from a JavaScript test file by their titles.
 *
 * <p>The rule: a suite or case is a call of {@code describe}, {@code context}, {@code suite}, {@code it},
 * {@code test} or {@code specify} (also with {@code .only}, {@code .skip}, {@code .concurrent} and the like)
 * that is not a member of something else ({@code t.test(…)} is not one) and whose first argument is a literal
 * title: a quoted string or a template without substitutions. Calls nest by their parentheses, so each case
 * has a path of titles, outermost suite first, which is what the runners report. A failing case is removed
 * as the whole call statement, from its callee to its closing parenthesis and a following semicolon, with
 * its lines when nothing else stands on them. A failing case whose title is computed (a loop, {@code .each},
 * a substitution) cannot be found, and then nothing is pruned.
 */
final class JsCasePruner {
    private static final Set<String> CALLEES = Set.of("describe", "context", "suite", "it", "test", "specify");
    private static final Set<String> MODIFIERS = Set.of("only", "skip", "concurrent", "sequential", "serial", "todo");

    /** A suite or case call: its title path and the source range of the whole call statement. */
    record Call(List<String> path, int start, int end) {}

    private JsCasePruner() {}

    /** The source without the calls at these title paths; empty when any of them is not found. */
    static Optional<String> remove(String source, Collection<List<String>> failing) {
        Map<List<String>, List<Call>> byPath = new HashMap<>();
        for (Call call : calls(source)) {
            byPath.computeIfAbsent(call.path(), k -> new ArrayList<>()).add(call);
        }
        List<Call> doomed = new ArrayList<>();
        for (List<String> path : failing) {
            List<Call> found = byPath.get(path);
            if (found == null) {
                return Optional.empty();
            }
            doomed.addAll(found);
        }
        doomed.sort(Comparator.comparingInt(Call::start).reversed());
        StringBuilder out = new StringBuilder(source);
        int removedUpTo = Integer.MAX_VALUE;
        for (Call call : doomed) {
            if (call.end() > removedUpTo) {
                continue; // inside a call already removed
            }
            int[] range = wholeLines(source, call.start(), call.end());
            out.delete(range[0], range[1]);
            removedUpTo = range[0];
        }
        return Optional.of(out.toString());
    }

    /** Every suite and case call with a literal title, in source order. */
    static List<Call> calls(String source) {
        List<Token> tokens = JsTokens.of(source);
        int[] closing = matchingParens(tokens);
        List<Call> calls = new ArrayList<>();
        Deque<int[]> open = new ArrayDeque<>(); // [index of closing paren, index into calls]
        Deque<String> titles = new ArrayDeque<>();
        for (int i = 0; i < tokens.size(); i++) {
            while (!open.isEmpty() && i > open.peek()[0]) {
                open.pop();
                titles.removeLast();
            }
            Token t = tokens.get(i);
            if (t.kind() != Kind.IDENT
                    || !CALLEES.contains(t.text())
                    || (i > 0 && tokens.get(i - 1).is('.'))) {
                continue;
            }
            int j = i + 1;
            while (j + 1 < tokens.size()
                    && tokens.get(j).is('.')
                    && tokens.get(j + 1).kind() == Kind.IDENT
                    && MODIFIERS.contains(tokens.get(j + 1).text())) {
                j += 2;
            }
            if (j + 1 >= tokens.size()
                    || !tokens.get(j).is('(')
                    || tokens.get(j + 1).kind() != Kind.STRING
                    || closing[j] < 0) {
                continue;
            }
            int close = closing[j];
            int end = tokens.get(close).end();
            if (close + 1 < tokens.size() && tokens.get(close + 1).is(';')) {
                end = tokens.get(close + 1).end();
            }
            titles.addLast(tokens.get(j + 1).text());
            calls.add(new Call(List.copyOf(titles), t.start(), end));
            open.push(new int[] {close, calls.size() - 1});
        }
        return calls;
    }

    /** For each opening parenthesis token, the index of its closing one (-1 when unbalanced or not a paren). */
    private static int[] matchingParens(List<Token> tokens) {
        int[] closing = new int[tokens.size()];
        java.util.Arrays.fill(closing, -1);
        Deque<Integer> stack = new ArrayDeque<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is('(')) {
                stack.push(i);
            } else if (tokens.get(i).is(')') && !stack.isEmpty()) {
                closing[stack.pop()] = i;
            }
        }
        return closing;
    }

    /** The range widened to whole lines (and their line break) when only blanks share its first and last line. */
    private static int[] wholeLines(String source, int start, int end) {
        int lineStart = start;
        while (lineStart > 0 && (source.charAt(lineStart - 1) == ' ' || source.charAt(lineStart - 1) == '\t')) {
            lineStart--;
        }
        int lineEnd = end;
        while (lineEnd < source.length()
                && (source.charAt(lineEnd) == ' '
                        || source.charAt(lineEnd) == '\t'
                        || source.charAt(lineEnd) == '\r')) {
            lineEnd++;
        }
        boolean startsLine = lineStart == 0 || source.charAt(lineStart - 1) == '\n';
        boolean endsLine = lineEnd == source.length() || source.charAt(lineEnd) == '\n';
        if (startsLine && endsLine) {
            return new int[] {lineStart, Math.min(lineEnd + 1, source.length())};
        }
        return new int[] {start, end};
    }
}
