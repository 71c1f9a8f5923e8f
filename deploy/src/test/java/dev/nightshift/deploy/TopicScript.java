package dev.nightshift.deploy;

import dev.nightshift.core.topic.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The topics a creation script (compose's kafka-init, the Helm chart's topic Job) creates: every line
 * {@code topic --topic NAME --partitions N [--config K=V]…}, read into the shape of {@link Topics#table}.
 */
public final class TopicScript {
    private TopicScript() {}

    /** @param script the script, its loops already unrolled (no shell variable left in a topic line) */
    public static Map<String, Topics.Spec> parse(String script) {
        Map<String, Topics.Spec> topics = new LinkedHashMap<>();
        for (String raw : script.split("\n")) {
            String line = raw.trim();
            if (!line.startsWith("topic --topic ")) {
                continue;
            }
            List<String> words = List.of(line.replace("\"", "").split("\\s+"));
            String name = null;
            int partitions = -1;
            Map<String, String> configs = new TreeMap<>();
            for (int i = 1; i < words.size() - 1; i++) {
                switch (words.get(i)) {
                    case "--topic" -> name = words.get(++i);
                    case "--partitions" -> partitions = Integer.parseInt(words.get(++i));
                    case "--config" -> {
                        String[] kv = words.get(++i).split("=", 2);
                        configs.put(kv[0], kv[1]);
                    }
                    default -> throw new AssertionError("unexpected word " + words.get(i) + " in: " + line);
                }
            }
            if (topics.put(name, new Topics.Spec(name, partitions, configs)) != null) {
                throw new AssertionError("topic " + name + " created twice");
            }
        }
        return topics;
    }

    /** The table in the same order-free shape as {@link #parse}. */
    public static Map<String, Topics.Spec> expected(java.util.Collection<String> providers) {
        Map<String, Topics.Spec> expected = new LinkedHashMap<>();
        Topics.table(providers)
                .forEach(s ->
                        expected.put(s.name(), new Topics.Spec(s.name(), s.partitions(), new TreeMap<>(s.configs()))));
        return expected;
    }
}
