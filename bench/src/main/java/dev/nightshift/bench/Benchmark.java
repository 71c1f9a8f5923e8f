package dev.nightshift.bench;

/** One named benchmark. It prints a table for people and, as its very last line, one JSON object. */
public interface Benchmark {
    /** The name {@code bench/run NAME} selects it by. */
    String name();

    /** One line saying what it measures and against which baseline. */
    String description();

    void run(String[] args) throws Exception;
}
