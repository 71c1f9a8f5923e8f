package dev.nightshift.simulator.reply.tests;

import dev.nightshift.simulator.reply.Defect;
import java.util.List;
import java.util.Random;

/** Reads the code of one language and writes its test file for one framework. */
abstract class LanguageWriter {
    protected final TestJob job;

    LanguageWriter(TestJob job) {
        this.job = job;
    }

    /** What the test will assert, first case first. */
    abstract List<Fact> facts();

    /** The case's name in the framework's convention; {@code flaky} for the extra random-dependent case. */
    abstract String name(Fact fact, boolean flaky);

    /** The file. {@code variant} picks among the ways a defect (or a style) can show. */
    abstract WrittenTest render(List<Case> cases, Defect defect, Random variant);

    static String upperFirst(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String lowerFirst(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int upper = 0;
        while (upper < s.length() && Character.isUpperCase(s.charAt(upper))) {
            upper++;
        }
        if (upper > 1 && upper < s.length()) {
            upper--; // HTTPServer -> httpServer
        }
        return s.substring(0, Math.max(1, upper)).toLowerCase(java.util.Locale.ROOT) + s.substring(Math.max(1, upper));
    }

    static String snake(String s) {
        return s.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
                .replaceAll("[^A-Za-z0-9_]", "_")
                .toLowerCase(java.util.Locale.ROOT);
    }

    /** A name with one pair of inner letters swapped (or a letter dropped): a typo that no longer resolves. */
    static String misspell(String name) {
        if (name.length() >= 4) {
            int i = name.length() / 2;
            char a = name.charAt(i);
            char b = name.charAt(i + 1 < name.length() ? i + 1 : i - 1);
            if (a != b) {
                char[] c = name.toCharArray();
                int j = i + 1 < name.length() ? i + 1 : i - 1;
                c[i] = b;
                c[j] = a;
                return new String(c);
            }
            return name.substring(0, i) + name.substring(i + 1);
        }
        return name + "x";
    }
}
