package dev.nightshift.core.artifact;

import dev.nightshift.core.job.TaskType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Takes the artifact out of a model's reply. Models wrap code in Markdown fences, sometimes with a
 * language tag, sometimes with prose before and after ("Here are the tests: … Let me know…"), and a
 * reply cut at max_tokens may leave its last fence open.
 * <ul>
 *   <li>tests: the fenced block tagged with the unit's language, else the longest block; a reply without
 *       fences is taken whole (some models answer with bare code);</li>
 *   <li>docs: Markdown is the artifact, so fences inside it stay; only a reply wholly wrapped in one
 *       {@code markdown}/{@code md} (or untagged) fence is unwrapped.</li>
 * </ul>
 */
public final class ReplyTextExtractor {
    private static final Set<String> MARKDOWN_TAGS = Set.of("", "markdown", "md");

    private ReplyTextExtractor() {}

    public static ExtractedText extract(String reply, TaskType task, String language) {
        String text = normalise(reply);
        if (task == TaskType.DOCS) {
            return docs(text);
        }
        List<Block> blocks = blocks(text);
        if (blocks.isEmpty()) {
            return new ExtractedText(endWithNewline(text.strip()), "whole-reply");
        }
        Block chosen = null;
        for (Block b : blocks) {
            if (matchesLanguage(b.tag, language) && (chosen == null || b.body.length() > chosen.body.length())) {
                chosen = b;
            }
        }
        if (chosen == null) {
            for (Block b : blocks) {
                if (chosen == null || b.body.length() > chosen.body.length()) {
                    chosen = b;
                }
            }
        }
        String method = "fenced" + (chosen.tag.isEmpty() ? "" : ":" + chosen.tag) + (chosen.closed ? "" : ":unclosed");
        return new ExtractedText(endWithNewline(chosen.body), method);
    }

    private static ExtractedText docs(String text) {
        String trimmed = text.strip();
        List<Block> blocks = blocks(trimmed);
        if (blocks.size() == 1
                && MARKDOWN_TAGS.contains(blocks.get(0).tag)
                && trimmed.startsWith("```")
                && (trimmed.endsWith("```") || !blocks.get(0).closed)) {
            return new ExtractedText(endWithNewline(blocks.get(0).body), "unwrapped-markdown");
        }
        return new ExtractedText(endWithNewline(trimmed), "whole-reply");
    }

    private static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        String tag = null;
        String fence = null;
        StringBuilder body = new StringBuilder();
        // a trailing newline is the end of the last line, not an empty line of code
        int count = lines.length > 0 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            String line = lines[i];
            String t = line.strip();
            if (fence == null) {
                if (t.startsWith("```") || t.startsWith("~~~")) {
                    fence = t.substring(0, 3);
                    tag = tagOf(t.substring(3));
                    body.setLength(0);
                }
            } else if (isClosingFence(t, fence)) {
                blocks.add(new Block(tag, body.toString(), true));
                fence = null;
            } else {
                body.append(line).append('\n');
            }
        }
        if (fence != null && body.length() > 0) {
            blocks.add(new Block(tag, body.toString(), false));
        }
        return blocks;
    }

    private static boolean isClosingFence(String line, String fence) {
        if (!line.startsWith(fence)) {
            return false;
        }
        char c = fence.charAt(0);
        return line.chars().allMatch(ch -> ch == c);
    }

    private static String tagOf(String info) {
        String s = info.strip();
        int space = s.indexOf(' ');
        String word = space < 0 ? s : s.substring(0, space);
        // "```java title=FooTest.java" or "```{.python}" still name the language
        return word.replaceAll("[{}.]", "").toLowerCase(Locale.ROOT);
    }

    private static boolean matchesLanguage(String tag, String language) {
        if (language == null || tag.isEmpty()) {
            return false;
        }
        String l = language.toLowerCase(Locale.ROOT);
        return tag.equals(l)
                || switch (l) {
                    case "python" -> tag.equals("py") || tag.equals("python3");
                    case "javascript" -> tag.equals("js") || tag.equals("jsx") || tag.equals("mjs");
                    case "typescript" -> tag.equals("ts") || tag.equals("tsx");
                    case "kotlin" -> tag.equals("kt");
                    case "ruby" -> tag.equals("rb");
                    case "go" -> tag.equals("golang");
                    case "csharp" -> tag.equals("cs") || tag.equals("c#");
                    case "cpp" -> tag.equals("c++") || tag.equals("cc");
                    case "rust" -> tag.equals("rs");
                    default -> false;
                };
    }

    private static String normalise(String reply) {
        String r = reply == null ? "" : reply;
        if (!r.isEmpty() && r.charAt(0) == '\uFEFF') {
            r = r.substring(1);
        }
        return r.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static String endWithNewline(String s) {
        return s.isEmpty() || s.endsWith("\n") ? s : s + "\n";
    }

    private record Block(String tag, String body, boolean closed) {}
}
