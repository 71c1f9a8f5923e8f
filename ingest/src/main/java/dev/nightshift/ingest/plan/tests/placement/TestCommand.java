package dev.nightshift.ingest.plan.tests.placement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The test runner a package's {@code scripts.test} starts and the arguments it passes, read through wrappers
 * ({@code cross-env}, {@code nyc}, {@code c8}, {@code npx}) and script indirections ({@code npm run test:unit}).
 *
 * @param runner {@code vitest}, {@code jest}, {@code mocha}, {@code node-test}, or the name of a runner we do not
 *               write tests for ({@code ava}, {@code tap}, …)
 */
record TestCommand(String runner, List<String> args) {
    static final String NODE_TEST = "node-test";
    static final Set<String> SUPPORTED = Set.of("vitest", "jest", "mocha", NODE_TEST);
    private static final Set<String> RUNNERS = Set.of(
            "vitest",
            "jest",
            "mocha",
            "_mocha",
            "ava",
            "tap",
            "tape",
            "jasmine",
            "karma",
            "playwright",
            "cypress",
            "uvu",
            "lab",
            "qunit",
            "wdio",
            "web-test-runner",
            "wtr");
    private static final int MAX_INDIRECTIONS = 3;

    TestCommand {
        args = List.copyOf(args);
    }

    boolean supported() {
        return SUPPORTED.contains(runner);
    }

    /** The runner of {@code scripts.test}; empty when there is none or it starts nothing we recognise. */
    static Optional<TestCommand> of(Map<String, String> scripts) {
        return parse(scripts, scripts.get("test"), 0);
    }

    private static Optional<TestCommand> parse(Map<String, String> scripts, String script, int depth) {
        if (script == null || depth > MAX_INDIRECTIONS) {
            return Optional.empty();
        }
        for (String command : script.split("&&|\\|\\||;|\\|")) {
            List<String> tokens = Arrays.stream(command.strip().split("\\s+"))
                    .map(TestCommand::unquote)
                    .filter(t -> !t.isEmpty())
                    .toList();
            for (int i = 0; i < tokens.size(); i++) {
                String token = tokens.get(i);
                String program = token.substring(token.lastIndexOf('/') + 1);
                if (Set.of("npm", "yarn", "pnpm", "bun").contains(program) && i + 1 < tokens.size()) {
                    String next = tokens.get(i + 1);
                    String target = (next.equals("run") || next.equals("run-script")) && i + 2 < tokens.size()
                            ? tokens.get(i + 2)
                            : next;
                    if (scripts.containsKey(target) && !target.equals("test")) {
                        Optional<TestCommand> inner = parse(scripts, scripts.get(target), depth + 1);
                        if (inner.isPresent()) {
                            return inner;
                        }
                    }
                    break;
                }
                if (program.equals("node") || program.equals("tsx")) {
                    int test = tokens.indexOf("--test");
                    if (test > i) {
                        return Optional.of(
                                new TestCommand(NODE_TEST, new ArrayList<>(tokens.subList(test + 1, tokens.size()))));
                    }
                    break;
                }
                if (RUNNERS.contains(program)) {
                    String runner = program.equals("_mocha") ? "mocha" : program;
                    return Optional.of(new TestCommand(runner, new ArrayList<>(tokens.subList(i + 1, tokens.size()))));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The positional arguments: tokens that are not options nor an option's value. {@code valueOptions} are the
     * runner's options that take the next token as their value (unless written {@code --opt=value}).
     */
    List<String> positional(Set<String> valueOptions) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-")) {
                if (valueOptions.contains(a) && !a.contains("=")) {
                    i++;
                }
            } else if (!a.equals("run") || i > 0) {
                out.add(a);
            }
        }
        return out;
    }

    /** Values of an option given as {@code --opt value} or {@code --opt=value}. */
    List<String> option(String... names) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            for (String name : names) {
                if (args.get(i).equals(name) && i + 1 < args.size()) {
                    out.add(args.get(i + 1));
                } else if (args.get(i).startsWith(name + "=")) {
                    out.add(args.get(i).substring(name.length() + 1));
                }
            }
        }
        return out;
    }

    /** A shell word without its quotes ({@code "test/**}{@code /*.spec.js"} → the glob). */
    private static String unquote(String token) {
        return token.replace("\"", "").replace("'", "");
    }
}
