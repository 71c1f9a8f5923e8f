package dev.nightshift.sink.report;

import java.util.ArrayList;
import java.util.List;

/** A table of a report page: plain text cells are escaped here, markup cells were built escaped by the caller. */
final class HtmlTable {
    private final String id;
    private final List<String> headers;
    private final List<Boolean> numeric;
    private final StringBuilder rows = new StringBuilder();
    private int count;

    /** @param headers column titles; a title starting with {@code #} marks a numeric column (the mark is not shown) */
    HtmlTable(String id, String... headers) {
        this.id = id;
        this.headers = new ArrayList<>();
        this.numeric = new ArrayList<>();
        for (String h : headers) {
            boolean number = h.startsWith("#");
            this.numeric.add(number);
            this.headers.add(number ? h.substring(1) : h);
        }
    }

    /** A row of plain text cells. */
    HtmlTable row(Object... cells) {
        String[] markup = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            markup[i] = Html.text(cells[i]);
        }
        return markupRow(null, markup);
    }

    /** A row whose cells are markup already escaped; {@code key} goes to the row's {@code data-key} attribute. */
    HtmlTable markupRow(String key, String... cells) {
        rows.append("<tr")
                .append(key == null ? "" : " data-key=\"" + Html.text(key) + "\"")
                .append('>');
        for (int i = 0; i < cells.length; i++) {
            boolean number = i < numeric.size() && numeric.get(i);
            rows.append(number ? "<td class=\"num\">" : "<td>").append(cells[i]).append("</td>");
        }
        rows.append("</tr>\n");
        count++;
        return this;
    }

    int size() {
        return count;
    }

    String render() {
        StringBuilder t = new StringBuilder(rows.length() + 512);
        // wide tables scroll sideways inside the page rather than widening it
        t.append("<div class=\"table\"><table id=\"").append(Html.text(id)).append("\">\n<thead><tr>");
        for (int i = 0; i < headers.size(); i++) {
            t.append(numeric.get(i) ? "<th class=\"num\">" : "<th>")
                    .append(Html.text(headers.get(i)))
                    .append("</th>");
        }
        return t.append("</tr></thead>\n<tbody>\n")
                .append(rows)
                .append("</tbody>\n</table></div>\n")
                .toString();
    }
}
