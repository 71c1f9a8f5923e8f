package dev.nightshift.bench.quota;

import dev.nightshift.core.config.Limits;
import dev.nightshift.simulator.limit.LimitLog;
import java.time.Duration;
import java.util.List;

/**
 * What the provider saw of one pass, from its limiter's log (arrival times on the provider's clock):
 * <ul>
 *   <li><b>utilisation</b> of the binding limit (requests per minute): the mean, over every 60 s window
 *       that starts a second apart in the steady state, of the requests admitted in it ÷ the limit. The
 *       steady state leaves out the first minute after the first request (ramp-up: a client may start
 *       with a burst the provider's full bucket allows, or start slowly) and the last minute before the
 *       last request (the drain: once fewer jobs are left than a minute's limit, nobody can fill it).
 *       A pass too short for a minute of steady state is measured over all its windows instead;</li>
 *   <li><b>overLimitWindows</b>: windows (60 s, a second apart, over the whole pass) in which the admitted
 *       requests, input tokens or reserved output tokens exceeded the account's limit;</li>
 *   <li><b>rateLimited</b>: the 429s its limiter sent.</li>
 * </ul>
 */
record ProviderView(
        long admitted,
        long rateLimited,
        double utilization,
        double peakWindow,
        double inputTokenUtilization,
        int overLimitWindows,
        double steadySeconds,
        double providerMinutes) {
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final long STEP_MS = 1_000;

    static ProviderView of(LimitLog log, Limits limits) {
        List<LimitLog.Admitted> all = log.admitted().stream()
                .sorted(java.util.Comparator.comparing(LimitLog.Admitted::at))
                .toList();
        if (all.isEmpty()) {
            return new ProviderView(0, log.refusedTotal(), 0, 0, 0, 0, 0, 0);
        }
        long[] at = all.stream().mapToLong(a -> a.at().toEpochMilli()).toArray();
        long[] input = all.stream().mapToLong(LimitLog.Admitted::inputTokens).toArray();
        long[] output =
                all.stream().mapToLong(LimitLog.Admitted::reservedOutputTokens).toArray();
        long first = at[0];
        long last = at[at.length - 1];
        long window = WINDOW.toMillis();
        long steadyFrom = first + window;
        long steadyTo = last - window;
        if (steadyTo - steadyFrom < window) {
            steadyFrom = first;
            steadyTo = Math.max(first + window, last);
        }
        Windows requests = Windows.over(at, null, window, steadyFrom, steadyTo - window);
        Windows inputs = Windows.over(at, input, window, steadyFrom, steadyTo - window);
        int over = 0;
        for (long start = first - window + STEP_MS; start <= last; start += STEP_MS) {
            long n = Windows.sum(at, null, start, start + window);
            if (n > limits.requestsPerMinute()
                    || limits.inputTokensPerMinute() != null
                            && Windows.sum(at, input, start, start + window) > limits.inputTokensPerMinute()
                    || limits.outputTokensPerMinute() != null
                            && Windows.sum(at, output, start, start + window) > limits.outputTokensPerMinute()) {
                over++;
            }
        }
        double rpm = limits.requestsPerMinute();
        return new ProviderView(
                all.size(),
                log.refusedTotal(),
                requests.mean() / rpm,
                requests.max() / rpm,
                limits.inputTokensPerMinute() == null ? 0 : inputs.mean() / limits.inputTokensPerMinute(),
                over,
                (steadyTo - steadyFrom) / 1000.0,
                (last - first) / 60_000.0);
    }

    /** Share of all calls the provider answered with 429. */
    double rateLimitedShare() {
        long calls = admitted + rateLimited;
        return calls == 0 ? 0 : (double) rateLimited / calls;
    }

    /** Sums of sliding windows over sorted arrival times. */
    private record Windows(double mean, double max) {
        static Windows over(long[] at, long[] amounts, long window, long firstStart, long lastStart) {
            double total = 0;
            double max = 0;
            int n = 0;
            for (long start = firstStart; start <= lastStart; start += STEP_MS) {
                long s = sum(at, amounts, start, start + window);
                total += s;
                max = Math.max(max, (double) s);
                n++;
            }
            return new Windows(n == 0 ? 0 : total / n, max);
        }

        /** Requests (amounts null) or amounts arriving in [from, to). */
        static long sum(long[] at, long[] amounts, long from, long to) {
            int i = lowerBound(at, from);
            long s = 0;
            for (; i < at.length && at[i] < to; i++) {
                s += amounts == null ? 1 : amounts[i];
            }
            return s;
        }

        private static int lowerBound(long[] at, long value) {
            int lo = 0;
            int hi = at.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (at[mid] < value) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
