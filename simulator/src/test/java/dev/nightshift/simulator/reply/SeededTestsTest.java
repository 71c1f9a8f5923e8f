package dev.nightshift.simulator.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every test the simulated model writes is kept with the defect worked into it, found again by its text. */
class SeededTestsTest {
    private static final TestDefects QUARTERS = new TestDefects(0.25, 0.25, 0.0, 0.25, 0.0);

    @Test
    void findsTheDefectOfEachWrittenTestByTheTestAsAReplysCodeBlockHoldsIt() {
        SeededTests seeded = new SeededTests();
        SimulatedModel model = new SimulatedModel("deepseek-chat", QUARTERS, 11);
        Set<Defect> seen = EnumSet.noneOf(Defect.class);
        for (String prompt : TestDefectsTest.prompts(40)) {
            String reply = ArtifactWriter.write(prompt, model, seeded);
            Defect expected =
                    TestsWriter.reply(PromptReader.read(prompt), model).delivered();
            // The worker hands the validator the code block of the reply; its trailing newline may differ.
            String candidate = WorkerPrompts.fenced(reply) + "\n\n";

            assertThat(seeded.defectOf(candidate)).contains(expected);
            seen.add(expected);
        }
        assertThat(seen).containsAll(List.of(Defect.NONE, Defect.BUILD_ERROR, Defect.WRONG_ASSERTION, Defect.NO_GAIN));
    }

    @Test
    void knowsNothingOfATestItDidNotWrite() {
        SeededTests seeded = new SeededTests();
        ArtifactWriter.write(TestDefectsTest.prompts(1).get(0), SimulatedModel.flawless(), seeded);

        assertThat(seeded.defectOf("def test_something():\n    assert True\n")).isEmpty();
        assertThat(seeded.size()).isEqualTo(1);
    }
}
