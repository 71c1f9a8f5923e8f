package dev.nightshift.simulator.reply;

/**
 * The model a reply is written as: its name, its defect profile, and the simulator's seed. The same prompt
 * to the same model under the same seed gives the same reply.
 */
public record SimulatedModel(String model, TestDefects defects, long seed) {
    public SimulatedModel {
        model = model == null ? "" : model;
        defects = defects == null ? TestDefects.builtIn(model) : defects.over(TestDefects.builtIn(model));
    }

    /** A model that writes every test clean. */
    public static SimulatedModel flawless() {
        return new SimulatedModel("flawless", TestDefects.NONE, 0);
    }
}
