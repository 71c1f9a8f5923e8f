package dev.nightshift.sink.report;

import dev.nightshift.sink.report.ChartSpec.Point;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Jobs done and dollars spent over a run's time, from the instants its attempts finished. Collected as plain
 * numbers (a run may have millions of attempts) and thinned to at most {@value #MAX_POINTS} points per line when
 * drawn: the shape of a run does not need more, and the page stays small.
 */
final class Timeline {
    static final int MAX_POINTS = 400;
    private long[] at = new long[256];
    private double[] dollars = new double[256];
    private int[] jobsDone = new int[256];
    private int size;

    /** An attempt that finished at {@code when}, costing {@code usd}, ending its job when {@code endsJob}. */
    void add(Instant when, double usd, boolean endsJob) {
        if (when == null) {
            return;
        }
        if (size == at.length) {
            at = Arrays.copyOf(at, size * 2);
            dollars = Arrays.copyOf(dollars, size * 2);
            jobsDone = Arrays.copyOf(jobsDone, size * 2);
        }
        at[size] = when.toEpochMilli();
        dollars[size] = usd;
        jobsDone[size] = endsJob ? 1 : 0;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Cumulative jobs done and dollars, by finishing time, thinned; both lists share their x values. */
    Lines lines() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(at[a], at[b]));
        long[] x = new long[size];
        double[] jobs = new double[size];
        double[] usd = new double[size];
        double j = 0;
        double d = 0;
        for (int k = 0; k < size; k++) {
            int i = order[k];
            j += jobsDone[i];
            d += dollars[i];
            x[k] = at[i];
            jobs[k] = j;
            usd[k] = d;
        }
        List<Point> jobPoints = new ArrayList<>();
        List<Point> dollarPoints = new ArrayList<>();
        for (int k : kept(size)) {
            jobPoints.add(new Point(x[k], jobs[k]));
            dollarPoints.add(new Point(x[k], usd[k]));
        }
        return new Lines(jobPoints, dollarPoints);
    }

    /** Indices spread evenly over {@code n}, always the first and the last (the run's start and its totals). */
    private static int[] kept(int n) {
        if (n <= MAX_POINTS) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] some = new int[MAX_POINTS];
        for (int i = 0; i < MAX_POINTS; i++) {
            some[i] = (int) ((long) i * (n - 1) / (MAX_POINTS - 1));
        }
        return some;
    }

    record Lines(List<Point> jobsDone, List<Point> dollars) {}
}
