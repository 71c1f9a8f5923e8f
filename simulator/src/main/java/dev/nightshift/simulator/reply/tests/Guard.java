package dev.nightshift.simulator.reply.tests;

/**
 * A check at the start of a body that rejects an argument: {@code if (b == 0) throw new …}.
 *
 * @param condition the condition, in the code's language
 * @param exception how the test names what is thrown ({@code IllegalArgumentException}, {@code ValueError},
 *                  {@code TypeError}; Go: {@code error} or {@code panic}), or null when the test cannot name it
 */
record Guard(String condition, String exception) {}
