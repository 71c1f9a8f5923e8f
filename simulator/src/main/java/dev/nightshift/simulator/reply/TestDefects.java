package dev.nightshift.simulator.reply;

import java.util.Locale;

/**
 * How often a simulated model's first try at a test is defective, and how often a repair round fixes it.
 * At most one defect per try: {@code buildError + wrongAssertion + flaky + noGain} is at most 1, and the rest
 * is the share of clean first tries. Given a repair prompt (the diagnostics and the previous test), the
 * model fixes its test with {@code repairSuccess} per round; a fixed test is the clean version of the same
 * test, an unfixed one comes back unchanged. Every field may be left out (null) in a configuration and is
 * then taken from the model's built-in profile ({@link #builtIn(String)}).
 *
 * <p>Built-in profiles — assumptions, not measurements, read off published figures: of Meta's TestGen-LLM
 * first-try candidates about 75 % built, 57 % passed reliably and 25 % added coverage (Alshahwan et al.,
 * 2024); a plain model given a few compile-and-run repair rounds fixes most build errors. The cheap tier
 * (DeepSeek, Qwen, Mistral) is a little worse than Claude Haiku and GPT-4o mini.
 */
public record TestDefects(Double buildError, Double wrongAssertion, Double flaky, Double noGain, Double repairSuccess) {
    /** DeepSeek, Qwen, Mistral: 50 % clean first tries, 60 % of repairs succeed. */
    public static final TestDefects ECONOMY = new TestDefects(0.20, 0.15, 0.05, 0.10, 0.60);
    /** Claude Haiku, GPT-4o mini and the rest: 72 % clean first tries, 75 % of repairs succeed. */
    public static final TestDefects STANDARD = new TestDefects(0.10, 0.08, 0.03, 0.07, 0.75);
    /** Every test clean, every repair successful. */
    public static final TestDefects NONE = new TestDefects(0.0, 0.0, 0.0, 0.0, 1.0);

    public TestDefects {
        check("buildError", buildError);
        check("wrongAssertion", wrongAssertion);
        check("flaky", flaky);
        check("noGain", noGain);
        check("repairSuccess", repairSuccess);
        double sum = value(buildError) + value(wrongAssertion) + value(flaky) + value(noGain);
        if (sum > 1.0 + 1e-9) {
            throw new IllegalArgumentException("buildError + wrongAssertion + flaky + noGain must not exceed 1, got "
                    + Math.round(sum * 1e6) / 1e6);
        }
    }

    private static void check(String name, Double p) {
        if (p != null && (p.isNaN() || p < 0 || p > 1)) {
            throw new IllegalArgumentException("testDefects." + name + " must be between 0 and 1, got " + p);
        }
    }

    private static double value(Double d) {
        return d == null ? 0 : d;
    }

    /** The built-in profile of a model, by its name: the cheap tier, or the standard one. */
    public static TestDefects builtIn(String model) {
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        return m.contains("deepseek") || m.contains("qwen") || m.contains("mistral") ? ECONOMY : STANDARD;
    }

    /** This profile with the fields it leaves out taken from {@code base}. */
    public TestDefects over(TestDefects base) {
        return new TestDefects(
                buildError != null ? buildError : base.buildError,
                wrongAssertion != null ? wrongAssertion : base.wrongAssertion,
                flaky != null ? flaky : base.flaky,
                noGain != null ? noGain : base.noGain,
                repairSuccess != null ? repairSuccess : base.repairSuccess);
    }

    /** The defect of a first try, for a uniform draw in [0, 1). */
    public Defect draw(double u) {
        double edge = value(buildError);
        if (u < edge) {
            return Defect.BUILD_ERROR;
        }
        edge += value(wrongAssertion);
        if (u < edge) {
            return Defect.WRONG_ASSERTION;
        }
        edge += value(flaky);
        if (u < edge) {
            return Defect.FLAKY;
        }
        edge += value(noGain);
        if (u < edge) {
            return Defect.NO_GAIN;
        }
        return Defect.NONE;
    }

    public double repairChance() {
        return repairSuccess == null ? 1.0 : repairSuccess;
    }
}
