package dev.nightshift.simulator.reply;

/**
 * The model a reply is written as: its name, its defect profiles for tests and for documents, and the simulator's
 * seed. The same prompt to the same model under the same seed gives the same reply.
 */
public record SimulatedModel(String model, TestDefects defects, DocsDefects docsDefects, long seed) {
    public SimulatedModel {
        model = model == null ? "" : model;
        defects = defects == null ? TestDefects.builtIn(model) : defects.over(TestDefects.builtIn(model));
        docsDefects = docsDefects == null ? DocsDefects.builtIn(model) : docsDefects.over(DocsDefects.builtIn(model));
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
