package dev.nightshift.simulator.reply;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The name a hallucinating model invents for a file's Public API: a verb no real code base uses for an ordinary
 * operation, checked to be absent from everything the prompt shows, so that a reviewer comparing the document with
 * the code can always tell it apart.
 */
final class InventedName {
    private static final List<String> VERBS = List.of(
            "frobnicate",
            "reticulate",
            "transmogrify",
            "defenestrate",
            "discombobulate",
            "flibbertigibbet",
            "bamboozle",
            "hornswoggle");
    private static final List<String> SUFFIXES = List.of("All", "Twice", "Quietly", "Eagerly", "Backwards");

    private InventedName() {}

    /** A name absent from {@code shown} (case-insensitive), chosen by {@code random}. */
    static String pick(Random random, String shown) {
        String lower = shown.toLowerCase(Locale.ROOT);
        int v = random.nextInt(VERBS.size());
        int s = random.nextInt(SUFFIXES.size());
        for (int i = 0; i < VERBS.size(); i++) {
            String verb = VERBS.get((v + i) % VERBS.size());
            if (!lower.contains(verb)) {
                return verb + SUFFIXES.get(s);
            }
        }
        // every verb occurs in the code (a test of this very writer, say): number the name until it is absent
        for (int n = 2; ; n++) {
            String name = VERBS.get(v) + SUFFIXES.get(s) + n;
            if (!lower.contains(name.toLowerCase(Locale.ROOT))) {
                return name;
            }
        }
    }
}
