package dev.nightshift.sink.report;

import dev.nightshift.sink.eval.EvaluationQueries;
import dev.nightshift.sink.query.NotFoundException;
import dev.nightshift.sink.query.SinkQueries;

/**
 * The sink's report pages, one self-contained HTML document each: a run's report, an evaluation's, and the list
 * of both. The API serves them and {@code nightshift report} writes them from the local store through this same
 * class, so a page is the same wherever it was made. {@code tenant} restricts what is visible ({@code null} = all).
 */
public final class Reports {
    /** The page's content type. */
    public static final String CONTENT_TYPE = "text/html; charset=utf-8";
    /** The policy each page carries, for an HTTP header beside its meta element: the page may request nothing. */
    public static final String CONTENT_SECURITY_POLICY = HtmlDocument.CONTENT_SECURITY_POLICY;
    /** The index lists at most this many runs. */
    public static final int INDEX_RUNS = 200;

    private final SinkQueries queries;
    private final EvaluationQueries evaluations;

    public Reports(SinkQueries queries, EvaluationQueries evaluations) {
        this.queries = queries;
        this.evaluations = evaluations;
    }

    /** @throws NotFoundException when there is no such run visible to the tenant */
    public String run(String runId, String tenant) {
        return new RunReportPage(new RunReportReader(queries).read(runId, tenant)).render();
    }

    /** @throws NotFoundException when there is no such evaluation visible to the tenant */
    public String evaluation(String evaluationId, String tenant) {
        return new EvaluationPage(evaluations
                        .report(evaluationId, tenant)
                        .orElseThrow(() -> new NotFoundException(
                                "no evaluation '" + evaluationId + "'; list the reports with GET /report")))
                .render();
    }

    public String index(String tenant) {
        return new IndexPage(queries.runs(tenant, INDEX_RUNS), evaluations.list(tenant)).render();
    }
}
