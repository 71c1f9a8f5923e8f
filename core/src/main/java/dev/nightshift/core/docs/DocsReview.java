package dev.nightshift.core.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks a reviewer makes on a document, as data: how much of what it had to cover it covers, which names it
 * mentions that exist nowhere in what the model was given, whether its Markdown is well formed, whether it was cut
 * at the output limit, and its size.
 *
 * @param level            the document's level
 * @param symbolsExpected  public symbols it had to cover
 * @param missingSymbols   those it does not mention
 * @param unknownNames     code names it mentions that are in neither its input nor its list of symbols
 * @param markdownProblems e.g. an unclosed code fence, a table row with the wrong number of cells, no heading
 * @param truncated        still cut at the output limit after every continuation allowed
 * @param continuations    follow-up calls that completed a reply stopped at the output limit
 * @param chars            the document's length in characters
 */
public record DocsReview(
        DocLevel level,
        int symbolsExpected,
        List<String> missingSymbols,
        List<String> unknownNames,
        List<String> markdownProblems,
        boolean truncated,
        int continuations,
        int chars) {
    public DocsReview {
        missingSymbols = missingSymbols == null ? List.of() : List.copyOf(missingSymbols);
        unknownNames = unknownNames == null ? List.of() : List.copyOf(unknownNames);
        markdownProblems = markdownProblems == null ? List.of() : List.copyOf(markdownProblems);
    }

    /** Covers every symbol it had to, is whole and is well-formed Markdown. */
    public boolean complete() {
        return missingSymbols.isEmpty() && markdownProblems.isEmpty() && !truncated;
    }

    /** Nothing a reviewer would send back. */
    public boolean passed() {
        return complete() && unknownNames.isEmpty();
    }

    public int symbolsCovered() {
        return symbolsExpected - missingSymbols.size();
    }

    /** The findings, one a line, as the model is told them in a review round. */
    public String findings() {
        List<String> lines = new ArrayList<>();
        if (!unknownNames.isEmpty()) {
            lines.add("unknown names (not in the code you were given; remove them or use the real names): "
                    + String.join(", ", unknownNames));
        }
        if (!missingSymbols.isEmpty()) {
            lines.add("missing public symbols (document each): " + String.join(", ", missingSymbols));
        }
        lines.addAll(markdownProblems);
        if (truncated) {
            lines.add("the document was cut off at the output limit: write it shorter");
        }
        return String.join("\n", lines);
    }
}
