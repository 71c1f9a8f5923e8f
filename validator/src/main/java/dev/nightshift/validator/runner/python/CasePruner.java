package dev.nightshift.validator.runner.python;

import java.util.Collection;
import java.util.List;

/**
 * Removes failing test functions and methods from a candidate's source with Python's own parser: the
 * {@code ast} of the candidate gives each function's first line (its first decorator's) and last line, and
 * those lines go. A class left without any statement goes as a whole, so the result still parses. A
 * parametrized function goes when any of its cases failed. The script runs in the sandbox like the
 * candidate, since it reads the candidate's text (it never imports or runs it).
 */
final class CasePruner {
    /** A test to remove: its class ({@code ""} for a module-level function) and its function name. */
    record Target(String owner, String function) {}

    /**
     * Reads a JSON spec {@code {"source": path, "output": path, "remove": [[owner, function], ...]}} and writes
     * {@code {"source": pruned text, "missing": ["owner::function", ...]}}, missing naming what was not found.
     */
    static final String SCRIPT = """
            import ast, json, sys

            def span(node):
                decorators = [d.lineno for d in getattr(node, "decorator_list", [])]
                return min([node.lineno] + decorators), node.end_lineno

            def prune(body, owner, wanted, spans, found):
                removed = 0
                for node in body:
                    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and (owner, node.name) in wanted:
                        spans.append(span(node))
                        found.add((owner, node.name))
                        removed += 1
                    elif isinstance(node, ast.ClassDef):
                        inner = []
                        if prune(node.body, node.name, wanted, inner, found):
                            spans.append(span(node))
                            removed += 1
                        else:
                            spans.extend(inner)
                return len(body) > 0 and removed == len(body)

            def main():
                with open(sys.argv[1], encoding="utf-8") as f:
                    spec = json.load(f)
                with open(spec["source"], encoding="utf-8") as f:
                    source = f.read()
                wanted = {(owner, function) for owner, function in spec["remove"]}
                spans, found = [], set()
                prune(ast.parse(source).body, "", wanted, spans, found)
                lines = source.splitlines(keepends=True)
                for first, last in sorted(spans, reverse=True):
                    del lines[first - 1:last]
                    while first - 2 >= 0 and first - 1 < len(lines) and not lines[first - 2].strip() and not lines[first - 1].strip():
                        del lines[first - 1]
                pruned = "".join(lines)
                ast.parse(pruned)
                missing = sorted(owner + "::" + function for owner, function in wanted - found)
                with open(spec["output"], "w", encoding="utf-8") as f:
                    json.dump({"source": pruned, "missing": missing}, f)

            main()
            """;

    private CasePruner() {}

    /** The functions to remove for these failing cases of the candidate at {@code testPath}. */
    static List<Target> targets(Collection<JunitReport.Case> failing, String testPath) {
        String file = testPath.substring(testPath.lastIndexOf('/') + 1);
        String module = file.endsWith(".py") ? file.substring(0, file.length() - 3) : file;
        return failing.stream()
                .map(c -> {
                    String owner = c.className().substring(c.className().lastIndexOf('.') + 1);
                    return new Target(owner.equals(module) ? "" : owner, c.function());
                })
                .distinct()
                .toList();
    }
}
