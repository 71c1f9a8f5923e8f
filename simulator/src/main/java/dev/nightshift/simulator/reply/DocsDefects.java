package dev.nightshift.simulator.reply;

/**
 * How often a simulated model's file document names something the code does not have: a hallucinated name in
 * its Public API section. A review round whose findings list the name gets a document without it. A field left
 * out (null) in a configuration is taken from the model's built-in profile ({@link #builtIn(String)}).
 *
 * <p>The built-in profile of every model is {@link #NONE}: documents stay exactly what the code shows unless a
 * test or a script asks for hallucinations, so tests that do not care about them never see one.
 *
 * @param hallucinatedNames the share of first tries at a file document with one invented public symbol, 0 to 1
 */
public record DocsDefects(Double hallucinatedNames) {
    /** Documents name only what the code has. */
    public static final DocsDefects NONE = new DocsDefects(0.0);

    public DocsDefects {
        if (hallucinatedNames != null
                && (hallucinatedNames.isNaN() || hallucinatedNames < 0 || hallucinatedNames > 1)) {
            throw new IllegalArgumentException(
                    "docsDefects.hallucinatedNames must be between 0 and 1, got " + hallucinatedNames);
        }
    }

    /** Every document of the model invents one name. */
    public static DocsDefects alwaysHallucinating() {
        return new DocsDefects(1.0);
    }

    /** The built-in profile of a model: none, whatever the model. */
    public static DocsDefects builtIn(String model) {
        return NONE;
    }

    /** This profile with the fields it leaves out taken from {@code base}. */
    public DocsDefects over(DocsDefects base) {
        return new DocsDefects(hallucinatedNames != null ? hallucinatedNames : base.hallucinatedNames);
    }

    /** Whether a first try hallucinates, for a uniform draw in [0, 1). */
    public boolean hallucinates(double u) {
        return hallucinatedNames != null && u < hallucinatedNames;
    }
}
