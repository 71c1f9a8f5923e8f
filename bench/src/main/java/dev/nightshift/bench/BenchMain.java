package dev.nightshift.bench;

import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;

/** {@code bench/run NAME [ARGS…]}: finds the benchmark by name (a {@link Benchmark} service) and runs it. */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        List<Benchmark> all = ServiceLoader.load(Benchmark.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        if (args.length == 0) {
            System.out.println("usage: bench/run NAME [ARGS…]; benchmarks:");
            all.forEach(b -> System.out.printf("  %-10s %s%n", b.name(), b.description()));
            return;
        }
        Benchmark chosen =
                all.stream().filter(b -> b.name().equals(args[0])).findFirst().orElse(null);
        if (chosen == null) {
            System.err.println("error: no benchmark named '" + args[0] + "'; run bench/run to list them");
            System.exit(2);
        }
        try {
            chosen.run(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("error: benchmark " + args[0] + " failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        // A benchmark may have started an in-JVM broker whose threads would keep the JVM alive; its shutdown
        // hook stops it on exit, so a benchmark always stops by itself.
        System.exit(0);
    }
}
