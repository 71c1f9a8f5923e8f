package dev.nightshift.simulator.reply.tests;

/**
 * One test case to write.
 *
 * @param wrong it asserts a wrong value or exception (the wrong-assertion defect)
 * @param flaky its outcome depends on a random draw (the flaky defect)
 */
record Case(String name, Fact fact, boolean wrong, boolean flaky) {}
