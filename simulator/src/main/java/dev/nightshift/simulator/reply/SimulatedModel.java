package dev.nightshift.simulator.reply;

import java.util.Map;

/**
 * The model a reply is written as: its name, its defect profiles for tests and for documents, and the simulator's
 * seed. The same prompt to the same model under the same seed gives the same reply.
 *
 * @param defects           its test-defect profile in every language without one of its own
 * @param defectsByLanguage its test-defect profile in the languages it has one for (language id → whole profile)
 */
public record SimulatedModel(
        String model,
        TestDefects defects,
        DocsDefects docsDefects,
        long seed,
        Map<String, TestDefects> defectsByLanguage) {
    public SimulatedModel {
        model = model == null ? "" : model;
        defects = defects == null ? TestDefects.builtIn(model) : defects.over(TestDefects.builtIn(model));
        docsDefects = docsDefects == null ? DocsDefects.builtIn(model) : docsDefects.over(DocsDefects.builtIn(model));
        defectsByLanguage = defectsByLanguage == null ? Map.of() : Map.copyOf(defectsByLanguage);
    }

    /** A model with one test-defect profile in every language. */
    public SimulatedModel(String model, TestDefects defects, DocsDefects docsDefects, long seed) {
        this(model, defects, docsDefects, seed, Map.of());
    }

    /** Its test-defect profile for a test in {@code language}. */
    public TestDefects defectsFor(String language) {
        TestDefects own = language == null ? null : defectsByLanguage.get(language);
        return own == null ? defects : own;
    }

    /** A model with the given test defects and the built-in docs profile. */
    public SimulatedModel(String model, TestDefects defects, long seed) {
        this(model, defects, null, seed);
    }

    /** A model that writes every test clean and every document true to the code. */
    public static SimulatedModel flawless() {
        return new SimulatedModel("flawless", TestDefects.NONE, DocsDefects.NONE, 0);
    }
}
