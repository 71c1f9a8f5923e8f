package dev.nightshift.simulator.reply;

/** The simulated model: turns a prompt into a plausible artifact for the unit it names. */
public final class ArtifactWriter {
    private ArtifactWriter() {}

    /** The artifact a flawless model writes. */
    public static String write(String prompt) {
        return write(prompt, SimulatedModel.flawless());
    }

    /** The artifact {@code model} writes: documentation or a test, each with the model's defects. */
    public static String write(String prompt, SimulatedModel model) {
        return write(prompt, model, new SeededTests());
    }

    /** As {@link #write(String, SimulatedModel)}, keeping each test written with its defect in {@code seeded}. */
    public static String write(String prompt, SimulatedModel model, SeededTests seeded) {
        UnitPrompt unit = PromptReader.read(prompt);
        return switch (unit.task()) {
            case TESTS -> {
                TestsWriter.TestReply reply = TestsWriter.reply(unit, model);
                seeded.record(reply.source(), reply.delivered());
                yield reply.text();
            }
            default -> DocsWriter.write(unit, model);
        };
    }
}
