package dev.nightshift.sink.eval;

import java.util.List;

/**
 * An evaluation with its figures: a row per model × language, and a row per model over every language
 * (language {@value #ALL_LANGUAGES}).
 */
public record EvaluationReport(EvaluationSummary summary, List<ModelLanguageFigures> rows) {
    public static final String ALL_LANGUAGES = "all";

    public EvaluationReport {
        rows = List.copyOf(rows);
    }
}
