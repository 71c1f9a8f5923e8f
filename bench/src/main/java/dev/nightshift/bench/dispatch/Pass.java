package dev.nightshift.bench.dispatch;

/** One way of moving {@code jobs} records end to end: how long it took and how much CPU it used. */
record Pass(int jobs, double seconds, long cpuNanos) {
    double jobsPerSecond() {
        return jobs / seconds;
    }

    double cpuMsPerJob() {
        return cpuNanos / 1e6 / jobs;
    }
}
