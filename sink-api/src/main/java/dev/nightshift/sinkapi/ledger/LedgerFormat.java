package dev.nightshift.sinkapi.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.docs.DocsReview;
import dev.nightshift.core.money.Money;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Ledger export formats: JSON Lines (one {@link LedgerEntry} object per line) and CSV for spreadsheets
 * (RFC 4180 quoting; a usage bucket the provider did not report is an empty cell, not 0; cost is the
 * exact decimal, never rounded). The validator's verdict ({@code passed}, {@code build-failed}, …) and the lines
 * and branches the test gained are empty cells for an attempt nothing validated; so are the document review's
 * columns ({@code docLevel}, {@code docComplete}, the missing symbols and unknown names separated by {@code ;}, …)
 * for an attempt nothing reviewed.
 */
public enum LedgerFormat {
    JSONL("application/x-ndjson"),
    CSV("text/csv");

    private static final List<String> COLUMNS = List.of(
            "runId",
            "tenant",
            "repository",
            "commit",
            "task",
            "jobId",
            "unitPath",
            "attempt",
            "provider",
            "model",
            "routingReason",
            "uncachedInputTokens",
            "cacheReadInputTokens",
            "cacheWriteInputTokens",
            "outputTokens",
            "priceTableVersion",
            "costUsd",
            "latencyMs",
            "outcome",
            "failureClass",
            "failureReason",
            "finishReason",
            "startedAt",
            "finishedAt",
            "recordedAt",
            "simulated",
            "terminal",
            "billed",
            "language",
            "verdict",
            "linesGained",
            "branchesGained",
            "docLevel",
            "docComplete",
            "docMissingSymbols",
            "docUnknownNames",
            "docMarkdownProblems",
            "docTruncated",
            "docContinuations",
            "docChars",
            "serviceTier");

    private final String contentType;

    LedgerFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public static LedgerFormat parse(String text) {
        String t = text == null || text.isBlank() ? "jsonl" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "jsonl", "ndjson", "json" -> JSONL;
            case "csv" -> CSV;
            default ->
                throw new IllegalArgumentException(
                        "unknown ledger format '" + text + "'; use format=jsonl or format=csv");
        };
    }

    /** The first line of the export, or empty for JSON Lines. */
    public String header() {
        return this == CSV ? String.join(",", COLUMNS) + "\n" : "";
    }

    /** One entry as one line, newline included. */
    public String line(LedgerEntry e) {
        if (this == JSONL) {
            try {
                return Json.mapper().writeValueAsString(e) + "\n";
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("a ledger entry is always serialisable", ex);
            }
        }
        DocsReview d = e.docs();
        Object[] cells = {
            e.runId(),
            e.tenant(),
            e.repository(),
            e.commit(),
            e.task() == null ? "" : e.task().id(),
            e.jobId(),
            e.unitPath(),
            e.attempt(),
            e.provider(),
            e.model(),
            e.routingReason(),
            e.usage().uncachedInput(),
            e.usage().cacheReadInput(),
            e.usage().cacheWriteInput(),
            e.usage().output(),
            e.priceTableVersion(),
            e.cost(),
            e.latencyMs(),
            e.outcome(),
            e.failureClass(),
            e.failureReason(),
            e.finishReason(),
            e.startedAt(),
            e.finishedAt(),
            e.recordedAt(),
            e.simulated(),
            e.terminal(),
            e.billed(),
            e.language(),
            e.verdict() == null ? null : e.verdict().id(),
            e.linesGained(),
            e.branchesGained(),
            d == null ? null : d.level().id(),
            d == null ? null : d.complete(),
            d == null ? null : String.join(";", d.missingSymbols()),
            d == null ? null : String.join(";", d.unknownNames()),
            d == null ? null : String.join(";", d.markdownProblems()),
            d == null ? null : d.truncated(),
            d == null ? null : d.continuations(),
            d == null ? null : d.chars(),
            e.serviceTier().id()
        };
        return Arrays.stream(cells).map(LedgerFormat::cell).collect(Collectors.joining(",")) + "\n";
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value instanceof Money m
                ? m.toPlainString()
                : value instanceof Instant i ? i.toString() : String.valueOf(value);
        // Spreadsheets execute cells starting with = + - @ ; quote-prefix them (a model name or reason is data, not a
        // formula).
        if (!s.isEmpty()
                && "=+-@".indexOf(s.charAt(0)) >= 0
                && !(value instanceof Number)
                && !(value instanceof Money)) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
