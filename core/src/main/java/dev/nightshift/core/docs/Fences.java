package dev.nightshift.core.docs;

/** Markdown code fences that the text they wrap cannot close early. */
public final class Fences {
    private Fences() {}

    /** A backtick fence longer than any backtick run in the content (at least three). */
    public static String fenceFor(String content) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < content.length(); i++) {
            run = content.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    /** The content in a fenced block tagged {@code tag}, ending with a newline. */
    public static String fenced(String tag, String content) {
        String fence = fenceFor(content);
        return fence + tag + "\n" + content + (content.endsWith("\n") || content.isEmpty() ? "" : "\n") + fence + "\n";
    }
}
