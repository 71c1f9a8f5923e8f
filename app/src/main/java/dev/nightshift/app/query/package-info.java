/**
 * {@code nightshift cost | ledger | export}: the read side of the sink for people.
 *
 * <p>Where the sink lives ({@link dev.nightshift.app.query.SinkAccess}): with {@code --sink URL} or
 * {@code NIGHTSHIFT_SINK_URL} the commands ask a running sink over HTTP through sink-api's typed
 * {@code SinkClient}, with {@code NIGHTSHIFT_API_TOKEN} as bearer. Without a URL they read the all-in-one
 * store at {@code $NIGHTSHIFT_HOME/sink} in this process, so {@code nightshift run} followed by
 * {@code nightshift cost} works on a laptop with no server running. The sink offers no read-only open: the
 * store is opened, read and closed within the command, and a store held by a running {@code nightshift run}
 * or sink is reported in one line that points at {@code --sink}.
 *
 * <p>Defaults and edge cases: {@code ledger} defaults to CSV (for a
 * spreadsheet); {@code cost} defaults to {@code --by model} and also takes the sink's other filters
 * ({@code --provider --model --task --repository}); {@code export --branch} and {@code --patch} default to
 * the run's repository when it is a git folder on this machine (a patch without one has every artifact as a
 * new file, a branch asks for {@code --repo}); refused artifact paths are warnings on stderr and the export
 * still exits 0; exporting an unfinished run warns and exports what exists; {@code export} writes only the tests
 * that passed validation (the parts of a split class merged into one file) unless {@code --all} adds the rejected
 * ones under {@code nightshift-rejected/}; {@code cost --per-passing-test} adds two columns to the table (the
 * JSON always carries them). Exit codes: 2 for what the user
 * can fix (unknown run, bad flag, refused token, existing branch), 1 for a sink that does not answer or a
 * store that is in use.
 */
package dev.nightshift.app.query;
