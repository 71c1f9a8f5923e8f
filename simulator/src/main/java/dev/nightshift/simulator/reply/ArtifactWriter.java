package dev.nightshift.simulator.reply;

/** The simulated model: turns a prompt into a plausible artifact for the unit it names. */
public final class ArtifactWriter {
    private ArtifactWriter() {
    }

    public static String write(String prompt) {
        UnitPrompt unit = PromptReader.read(prompt);
        return switch (unit.task()) {
            case TESTS -> TestsWriter.write(unit);
            default -> DocsWriter.write(unit);
        };
    }
}
