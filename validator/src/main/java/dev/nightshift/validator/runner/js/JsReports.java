package dev.nightshift.validator.runner.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what a JavaScript runner reported about one candidate file: per case its title path and whether it
 * passed. Mocha and node:test report through our own reporters ({@link #MOCHA_REPORTER},
 * {@link #NODE_TEST_REPORTER}: one JSON object a line), Jest and Vitest through their {@code --json} output.
 */
final class JsReports {
    enum Status {
        PASSED,
        FAILED,
        SKIPPED
    }

    /** @param path suite titles, outermost first, then the case's own title */
    record Case(List<String> path, Status status, String detail) {
        String id() {
            return String.join(" > ", path);
        }
    }

    /**
     * @param loadError what the runner said when the file did not load (syntax, import); null when it did
     * @param cases     the file's cases in the order they ran
     */
    record Run(String loadError, List<Case> cases) {}

    /** A Mocha reporter (a constructor given the runner) appending one line per case to $NIGHTSHIFT_REPORT. */
    static final String MOCHA_REPORTER = """
            'use strict';
            const fs = require('fs');
            function titles(node) {
              const out = [];
              for (let n = node; n && !n.root; n = n.parent) {
                if (n.title) out.unshift(n.title);
              }
              return out;
            }
            function NightshiftReporter(runner) {
              const report = process.env.NIGHTSHIFT_REPORT;
              const write = (entry) => fs.appendFileSync(report, JSON.stringify(entry) + '\\n');
              runner.on('pass', (t) => write({ path: titles(t), status: 'passed' }));
              runner.on('pending', (t) => write({ path: titles(t), status: 'skipped' }));
              runner.on('fail', (t, err) => write({ path: titles(t), status: 'failed',
                error: String((err && (err.stack || err.message)) || err) }));
            }
            module.exports = NightshiftReporter;
            """;

    /**
     * Runs Mocha on one file with the repository's own configuration (.mocharc, package.json) but only that
     * file: Mocha's CLI adds a configured {@code spec} to the files it is given, so the options are loaded
     * the CLI's way and {@code spec} replaced. Mocha versions without those internals run their CLI as is.
     */
    static final String MOCHA_ONE_FILE = """
            'use strict';
            const path = require('path');
            const [file, reporter] = process.argv.slice(2);
            const mochaDir = path.dirname(require.resolve('mocha/package.json', { paths: [process.cwd()] }));
            let options, cli;
            try {
              options = require(path.join(mochaDir, 'lib/cli/options'));
              cli = require(path.join(mochaDir, 'lib/cli/cli'));
            } catch (e) {
              options = null;
            }
            if (options && options.loadOptions && cli && cli.main) {
              const args = options.loadOptions(['--reporter', reporter]);
              args.spec = [file];
              args._ = [];
              cli.main([], args);
            } else {
              process.argv = [process.argv[0], path.join(mochaDir, 'bin', '_mocha'), '--reporter', reporter, file];
              require(path.join(mochaDir, 'bin', '_mocha'));
            }
            """;

    /** A node:test reporter module: one line per case (with its title path) and per line of the file's output. */
    static final String NODE_TEST_REPORTER = """
            export default async function* nightshift(source) {
              const names = [];
              for await (const event of source) {
                const d = event.data || {};
                if (event.type === 'test:start') {
                  names.length = d.nesting;
                  names[d.nesting] = d.name;
                } else if (event.type === 'test:pass' || event.type === 'test:fail') {
                  const err = d.details && d.details.error;
                  const cause = err && err.cause ? err.cause : err;
                  yield JSON.stringify({ path: names.slice(0, d.nesting).concat([d.name]),
                    status: d.skip || d.todo ? 'skipped' : event.type === 'test:pass' ? 'passed' : 'failed',
                    error: cause ? String(cause.stack || cause.message || cause) : null }) + '\\n';
                } else if (event.type === 'test:stderr' || event.type === 'test:stdout') {
                  yield JSON.stringify({ output: d.message }) + '\\n';
                }
              }
            }
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsReports() {}

    /**
     * Our reporters' lines. Only leaves are cases (a suite, or a test whose subtests failed, is not one); a
     * node:test file that did not load shows as a single failed entry titled with the file's path, its
     * output carrying the error.
     */
    static Run lines(String report, String file, String processOutput) throws IOException {
        List<Case> entries = new ArrayList<>();
        StringBuilder output = new StringBuilder();
        for (String line : report.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode entry = JSON.readTree(line);
            if (entry.has("output")) {
                output.append(entry.path("output").asText());
                continue;
            }
            List<String> path = new ArrayList<>();
            entry.path("path").forEach(title -> path.add(title.asText()));
            entries.add(new Case(
                    path,
                    Status.valueOf(entry.path("status").asText("failed").toUpperCase(java.util.Locale.ROOT)),
                    entry.path("error").isTextual() ? entry.path("error").asText() : ""));
        }
        List<Case> cases = entries.stream()
                .filter(c -> entries.stream()
                        .noneMatch(o -> o.path().size() > c.path().size()
                                && o.path().subList(0, c.path().size()).equals(c.path())))
                .distinct()
                .toList();
        if (cases.size() == 1
                && cases.get(0).status() == Status.FAILED
                && cases.get(0).path().size() == 1
                && cases.get(0).path().get(0).endsWith(file)) {
            return new Run(output.isEmpty() ? processOutput : output.toString(), List.of());
        }
        return new Run(null, cases);
    }

    /** Jest's {@code --json} output (Vitest's JSON reporter writes the same shape). */
    static Run jest(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        List<Case> cases = new ArrayList<>();
        StringBuilder suiteErrors = new StringBuilder();
        for (JsonNode file : root.path("testResults")) {
            for (JsonNode result : file.path("assertionResults")) {
                List<String> path = new ArrayList<>();
                result.path("ancestorTitles").forEach(t -> path.add(t.asText()));
                path.add(result.path("title").asText());
                String status = result.path("status").asText();
                List<String> messages = new ArrayList<>();
                result.path("failureMessages").forEach(m -> messages.add(m.asText()));
                cases.add(new Case(
                        path,
                        status.equals("passed")
                                ? Status.PASSED
                                : status.equals("failed") ? Status.FAILED : Status.SKIPPED,
                        String.join("\n", messages)));
            }
            if (file.path("assertionResults").isEmpty()
                    && file.path("status").asText().equals("failed")) {
                suiteErrors
                        .append(file.path("message")
                                .asText(file.path("failureMessage").asText()))
                        .append('\n');
            }
        }
        return cases.isEmpty() && !suiteErrors.isEmpty()
                ? new Run(suiteErrors.toString(), List.of())
                : new Run(null, cases);
    }
}
