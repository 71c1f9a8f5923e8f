package dev.nightshift.ingest.plan;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.docs.DocLevel;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.routing.SizeBucket;
import dev.nightshift.core.run.EvaluationSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * The units an evaluation sends to every candidate model: a sample of the planned jobs, stratified by language
 * and size bucket so that a repository of mostly small Java files still puts its few Python modules and large
 * classes in front of each model. Each stratum gets a share of the sample proportional to its size (largest
 * remainders, every stratum at least one unit while the sample allows); within a stratum the units are ranked
 * by a hash of the seed and the unit's path and content, so the same seed and commit pick the same units for
 * every arm although each arm's jobs have their own ids. Documentation is sampled at the file level only: a
 * folder's summary depends on documents of the run it is in, not on one model's skill.
 */
public final class EvaluationSample {
    private EvaluationSample() {}

    /** A new spool in {@code dir} holding only the sampled jobs of {@code planned}, in plan order. */
    public static JobSpool of(JobSpool planned, EvaluationSpec spec, Path dir) {
        List<Candidate> candidates = new ArrayList<>();
        planned.replay((jobId, encoded) -> {
            Job job = MessageCodec.JOB.decode(encoded);
            if (eligible(job)) {
                candidates.add(new Candidate(jobId, stratum(job), rank(spec.seed(), job)));
            }
        });
        Set<String> chosen = choose(candidates, spec.sample());
        JobSpool sample = new JobSpool(dir);
        planned.replay((jobId, encoded) -> {
            if (chosen.contains(jobId)) {
                sample.add(MessageCodec.JOB.decode(encoded));
            }
        });
        return sample;
    }

    static boolean eligible(Job job) {
        return job.docs() == null || job.docs().level() == DocLevel.FILE && !job.awaitingChildren();
    }

    static String stratum(Job job) {
        return (job.language() == null ? "unknown" : job.language()) + "/"
                + SizeBucket.ofTokens(job.inputTokens()).id();
    }

    private static long rank(long seed, Job job) {
        CRC32C crc = new CRC32C();
        crc.update((seed + "\n" + job.unitPath() + "\n" + job.contentHash()).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** The ids of the sampled candidates: proportional shares per stratum, the lowest ranks within each. */
    static Set<String> choose(List<Candidate> candidates, int sample) {
        Map<String, List<Candidate>> strata = new LinkedHashMap<>();
        candidates.stream().sorted(Comparator.comparing(Candidate::stratum)).forEach(c -> strata.computeIfAbsent(
                        c.stratum(), k -> new ArrayList<>())
                .add(c));
        Map<String, Integer> shares = shares(strata, Math.min(sample, candidates.size()));
        Set<String> chosen = new HashSet<>();
        strata.forEach((name, members) -> members.stream()
                .sorted(Comparator.comparingLong(Candidate::rank).thenComparing(Candidate::jobId))
                .limit(shares.getOrDefault(name, 0))
                .forEach(c -> chosen.add(c.jobId())));
        return chosen;
    }

    private static Map<String, Integer> shares(Map<String, List<Candidate>> strata, int sample) {
        int total = strata.values().stream().mapToInt(List::size).sum();
        Map<String, Integer> shares = new LinkedHashMap<>();
        if (total == 0) {
            return shares;
        }
        boolean everyStratum = sample >= strata.size();
        int given = 0;
        for (Map.Entry<String, List<Candidate>> e : strata.entrySet()) {
            int share = (int) ((long) sample * e.getValue().size() / total);
            if (everyStratum) {
                share = Math.max(1, share);
            }
            shares.put(e.getKey(), Math.min(share, e.getValue().size()));
            given += shares.get(e.getKey());
        }
        // Largest remainders first, then the biggest strata: hand out what rounding down left over (or take back
        // what the at-least-one rule gave too much).
        List<String> byRemainder = new ArrayList<>(strata.keySet());
        byRemainder.sort(Comparator.comparingDouble(
                        (String k) -> -fraction(sample, strata.get(k).size(), total))
                .thenComparing(k -> -strata.get(k).size()));
        boolean roomLeft = true;
        while (given < sample && roomLeft) {
            roomLeft = false;
            for (String k : byRemainder) {
                if (given < sample && shares.get(k) < strata.get(k).size()) {
                    shares.merge(k, 1, Integer::sum);
                    given++;
                    roomLeft = true;
                }
            }
        }
        for (int i = byRemainder.size() - 1; given > sample && i >= 0; i--) {
            String k = byRemainder.get(i);
            if (shares.get(k) > 1) {
                shares.merge(k, -1, Integer::sum);
                given--;
            }
        }
        return shares;
    }

    private static double fraction(int sample, int size, int total) {
        double exact = (double) sample * size / total;
        return exact - Math.floor(exact);
    }

    record Candidate(String jobId, String stratum, long rank) {}
}
