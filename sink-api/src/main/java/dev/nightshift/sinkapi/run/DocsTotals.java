package dev.nightshift.sinkapi.run;

import dev.nightshift.core.docs.DocLevel;
import dev.nightshift.core.docs.DocsReview;

/**
 * What a documentation run's reviews add up to: the documents delivered per level, how many were complete (every
 * public symbol covered, whole, well-formed Markdown), the unknown names they still name, and how much work truncation
 * and review caused along the way. Kept among the run's aggregates, rewritten as documents arrive.
 *
 * @param files        file documents delivered (each part of a split file counts)
 * @param folders      folder summaries delivered
 * @param architecture architecture documents delivered (0 or 1)
 * @param complete     delivered documents whose review found them complete
 * @param incomplete   delivered documents whose review did not
 * @param unknownNames names in delivered documents that exist nowhere in what their model was given
 * @param truncated    attempts still cut at the output limit after their continuations (escalated, never delivered)
 * @param continued    attempts completed by continuing a reply cut at the output limit
 * @param repaired     documents delivered after a review round
 */
public record DocsTotals(
        long files,
        long folders,
        long architecture,
        long complete,
        long incomplete,
        long unknownNames,
        long truncated,
        long continued,
        long repaired) {
    public static final DocsTotals NONE = new DocsTotals(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** One reviewed attempt: counted on delivery, and for truncation and continuation whether delivered or not. */
    public DocsTotals plus(DocsReview review, boolean delivered, boolean afterReviewRound) {
        int f = delivered && review.level() == DocLevel.FILE ? 1 : 0;
        int d = delivered && review.level() == DocLevel.FOLDER ? 1 : 0;
        int a = delivered && review.level() == DocLevel.REPOSITORY ? 1 : 0;
        return new DocsTotals(
                files + f,
                folders + d,
                architecture + a,
                complete + (delivered && review.complete() ? 1 : 0),
                incomplete + (delivered && !review.complete() ? 1 : 0),
                unknownNames + (delivered ? review.unknownNames().size() : 0),
                truncated + (review.truncated() ? 1 : 0),
                continued + (review.continuations() > 0 ? 1 : 0),
                repaired + (delivered && afterReviewRound ? 1 : 0));
    }
}
