package dev.nightshift.simulator.reply;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * A provider's map of test-defect profiles, keyed by model — its name, a prefix of it, or {@code default} — and, for a
 * profile that holds in one language only, by {@code model@language} (e.g. {@code deepseek-chat@javascript}: DeepSeek
 * writes poor JavaScript tests). A language entry's fields override the model's profile (its own entry over its
 * built-in one) in that language; the fields it leaves out come from there. The language is the one the prompt
 * names ({@code Language:} header, else the code fence's tag or the unit's file extension), as a canonical id such
 * as {@code java}, {@code python}, {@code javascript}, {@code typescript}, {@code go}.
 */
public final class TestDefectProfiles {
    /** Separates the model from the language in a key: {@code model@language}. */
    public static final char LANGUAGE_SEPARATOR = '@';

    private static final String DEFAULT = "default";

    private TestDefectProfiles() {}

    /**
     * Checks every key and profile; the message names the key and what is wrong with it.
     *
     * @throws IllegalArgumentException on a malformed key, an unknown language or an impossible profile
     */
    public static void validate(Map<String, TestDefects> byKey) {
        for (Map.Entry<String, TestDefects> e : byKey.entrySet()) {
            String key = e.getKey();
            String model = modelPart(key);
            try {
                int at = key.indexOf(LANGUAGE_SEPARATOR);
                if (at >= 0) {
                    String language = key.substring(at + 1);
                    if (model.isEmpty() || language.isEmpty() || language.indexOf(LANGUAGE_SEPARATOR) >= 0) {
                        throw new IllegalArgumentException("a per-language profile is keyed model@language, e.g. "
                                + "deepseek-chat@javascript or default@javascript");
                    }
                    String canonical = Languages.fromFenceTag(language);
                    if (!Languages.isKnown(language)) {
                        throw new IllegalArgumentException(
                                Languages.isKnown(canonical)
                                        ? "write the language as '" + canonical + "', not '" + language + "'"
                                        : "unknown language '" + language + "'; known: "
                                                + String.join(", ", new TreeSet<>(Languages.known())));
                    }
                }
                e.getValue().over(TestDefects.builtIn(model));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("testDefects." + key + ": " + ex.getMessage(), ex);
            }
        }
    }

    /** A model's profile in every language: its own entry (name, longest prefix, else {@code default}) over its built-in one. */
    public static TestDefects forModel(Map<String, TestDefects> byKey, String model) {
        TestDefects own = lookup(modelEntries(byKey), model);
        TestDefects builtIn = TestDefects.builtIn(model);
        return own == null ? builtIn : own.over(builtIn);
    }

    /** A model's profile in one language: its entry for the language over {@link #forModel}, else that alone. */
    public static TestDefects forModel(Map<String, TestDefects> byKey, String model, String language) {
        TestDefects base = forModel(byKey, model);
        TestDefects own = language == null ? null : lookup(languageEntries(byKey, language), model);
        return own == null ? base : own.over(base);
    }

    /** The profile of a model in each language that has an entry applying to it; other languages use {@link #forModel}. */
    public static Map<String, TestDefects> byLanguage(Map<String, TestDefects> byKey, String model) {
        Map<String, TestDefects> result = new HashMap<>();
        for (String key : byKey.keySet()) {
            int at = key.indexOf(LANGUAGE_SEPARATOR);
            if (at >= 0) {
                String language = key.substring(at + 1);
                if (!result.containsKey(language) && lookup(languageEntries(byKey, language), model) != null) {
                    result.put(language, forModel(byKey, model, language));
                }
            }
        }
        return Map.copyOf(result);
    }

    private static String modelPart(String key) {
        int at = key.indexOf(LANGUAGE_SEPARATOR);
        return at < 0 ? key : key.substring(0, at);
    }

    private static Map<String, TestDefects> modelEntries(Map<String, TestDefects> byKey) {
        Map<String, TestDefects> m = new HashMap<>();
        byKey.forEach((k, v) -> {
            if (k.indexOf(LANGUAGE_SEPARATOR) < 0) {
                m.put(k, v);
            }
        });
        return m;
    }

    /** The entries for one language, keyed by their model part. */
    private static Map<String, TestDefects> languageEntries(Map<String, TestDefects> byKey, String language) {
        String suffix = LANGUAGE_SEPARATOR + language;
        Map<String, TestDefects> m = new HashMap<>();
        byKey.forEach((k, v) -> {
            if (k.endsWith(suffix) && k.indexOf(LANGUAGE_SEPARATOR) == k.length() - suffix.length()) {
                m.put(modelPart(k), v);
            }
        });
        return m;
    }

    /** An entry for a model: its own, else the longest key it starts with (a config key before the wire name), else {@code default}. */
    private static TestDefects lookup(Map<String, TestDefects> byModel, String model) {
        TestDefects own = byModel.get(model);
        if (own != null) {
            return own;
        }
        String best = null;
        for (String key : byModel.keySet()) {
            if (!key.equals(DEFAULT)
                    && model != null
                    && model.startsWith(key)
                    && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return best != null ? byModel.get(best) : byModel.get(DEFAULT);
    }
}
