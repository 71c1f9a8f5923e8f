package dev.nightshift.simulator.reply.tests;

/** What kind of value a parameter takes, as far as the simulated model can tell. */
enum Family {
    INT,
    FLOAT,
    STRING,
    BOOL,
    /** Anything else (objects, collections, functions): the model does not call members that need one. */
    OTHER,
    /**
     * A collaborator a constructor only stores ({@code this.repo = repo}): the model passes {@code null} (None),
     * and never calls what would dereference it.
     */
    NULLED
}
