package dev.nightshift.worker.quota;

import dev.nightshift.core.config.Limits;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.worker.provider.RateLimitSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * One replica's share of one provider account's limits, in every dimension providers enforce. Not thread-safe: it lives on its lane's Vert.x context. Time is passed in; nothing here reads
 * a clock or blocks.
 *
 * <p>Per-minute limits are enforced over a sliding window of the calls sent in the last 60 s, so that no
 * 60-second window — however a provider aligns its own — ever holds more than the limit. A call reserves
 * its estimated input tokens and its {@code max_tokens} when it is admitted and is settled against the
 * reported usage when it ends. Per-day limits count UTC calendar days.
 *
 * <p>Each limit is the account's limit (the configured one, or the one the provider's headers report
 * when lower) divided by the lane's live members, then scaled by {@link AimdScale}. A limit nobody
 * configured is learnt from the first 429: the rate at which it came becomes the local limit.
 */
public final class QuotaLedger {
    static final Duration MINUTE = Duration.ofMinutes(1);
    /**
     * A call counts for a minute plus this margin: the provider stamps it on arrival, a little after we
     * send it, and network jitter must not let two calls a minute apart on our clock fall into one of its
     * windows. Costs 1.6% of the limit.
     */
    static final Duration WINDOW = MINUTE.plusSeconds(1);
    /** A free concurrency slot comes with a settlement, which re-asks anyway; this only bounds the wait. */
    static final Duration CONCURRENCY_RECHECK = Duration.ofMillis(500);

    private final Map<Dimension, Long> configured = new EnumMap<>(Dimension.class);
    private final Map<Dimension, Long> reported = new EnumMap<>(Dimension.class);
    private final Map<Dimension, Long> learnt = new EnumMap<>(Dimension.class);
    private final Map<Dimension, Integer> successesSinceGrowth = new EnumMap<>(Dimension.class);
    private final Map<Dimension, Instant> blockedUntil = new EnumMap<>(Dimension.class);
    private final AimdScale aimd;
    private final ArrayDeque<Entry> window = new ArrayDeque<>();
    private long windowInput;
    private long windowOutput;
    private int inFlight;
    private int members = 1;
    private final ArrayDeque<Observation> memberHistory = new ArrayDeque<>();
    private Instant pausedUntil = Instant.MIN;
    private LocalDate day;
    private long dayRequests;
    private long dayTokens;

    public QuotaLedger(Limits limits, AimdScale aimd) {
        put(Dimension.REQUESTS_PER_MINUTE, limits.requestsPerMinute());
        put(Dimension.INPUT_TOKENS_PER_MINUTE, limits.inputTokensPerMinute());
        put(Dimension.OUTPUT_TOKENS_PER_MINUTE, limits.outputTokensPerMinute());
        put(Dimension.CONCURRENT_REQUESTS, limits.concurrentRequests());
        put(Dimension.REQUESTS_PER_DAY, limits.requestsPerDay());
        put(Dimension.TOKENS_PER_DAY, limits.tokensPerDay());
        this.aimd = aimd;
    }

    private void put(Dimension d, Number value) {
        if (value != null) {
            configured.put(d, value.longValue());
        }
    }

    /** May a call with this reservation go now? Granting records the reservation. */
    public Admission tryAcquire(Reservation r, Instant now) {
        expire(now);
        rollDay(now);
        Duration nextDay = Duration.between(
                now, day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        if (dayRequests + 1 > limit(Dimension.REQUESTS_PER_DAY)) {
            return new Admission.Exhausted(nextDay, Dimension.REQUESTS_PER_DAY);
        }
        if (dayTokens + r.total() > limit(Dimension.TOKENS_PER_DAY)) {
            return new Admission.Exhausted(nextDay, Dimension.TOKENS_PER_DAY);
        }
        if (now.isBefore(pausedUntil)) {
            return new Admission.Wait(Duration.between(now, pausedUntil), null);
        }
        Admission.Wait longest = null;
        for (Map.Entry<Dimension, Instant> b : blockedUntil.entrySet()) {
            if (now.isBefore(b.getValue())) {
                longest = longer(longest, new Admission.Wait(Duration.between(now, b.getValue()), b.getKey()));
            }
        }
        if (inFlight + 1 > limit(Dimension.CONCURRENT_REQUESTS)) {
            longest = longer(longest, new Admission.Wait(CONCURRENCY_RECHECK, Dimension.CONCURRENT_REQUESTS));
        }
        longest = longer(longest, waitFor(Dimension.REQUESTS_PER_MINUTE, window.size(), 1, e -> 1, now));
        longest = longer(
                longest, waitFor(Dimension.INPUT_TOKENS_PER_MINUTE, windowInput, r.inputTokens(), e -> e.input, now));
        longest = longer(
                longest,
                waitFor(Dimension.OUTPUT_TOKENS_PER_MINUTE, windowOutput, r.outputTokens(), e -> e.output, now));
        longest = longer(
                longest,
                waitFor(
                        Dimension.TOKENS_PER_MINUTE,
                        windowInput + windowOutput,
                        r.total(),
                        e -> e.input + e.output,
                        now));
        if (longest != null) {
            return longest;
        }
        Entry entry = new Entry(now, r.inputTokens(), r.outputTokens());
        window.addLast(entry);
        windowInput += entry.input;
        windowOutput += entry.output;
        inFlight++;
        dayRequests++;
        dayTokens += r.total();
        return new Admission.Granted(new Ticket(entry, day));
    }

    /** The call ended with this usage; a usage that was not reported keeps the reservation (the safe side). */
    public void settle(Ticket ticket, Usage usage) {
        if (ticket.settled) {
            return;
        }
        ticket.settled = true;
        inFlight--;
        if (usage == null || !usage.isReported()) {
            return;
        }
        adjust(ticket, usage.totalInput(), usage.outputOrZero());
    }

    /**
     * The call failed. Its request still counts; its input tokens too (a rejected request may still consume
     * them against the limit), but it produced no output.
     */
    public void settleFailed(Ticket ticket) {
        if (ticket.settled) {
            return;
        }
        ticket.settled = true;
        inFlight--;
        adjust(ticket, ticket.entry.input, 0);
    }

    private void adjust(Ticket ticket, long input, long output) {
        Entry e = ticket.entry;
        long deltaIn = input - e.input;
        long deltaOut = output - e.output;
        if (!e.expired) {
            windowInput += deltaIn;
            windowOutput += deltaOut;
        }
        e.input = input;
        e.output = output;
        if (ticket.day.equals(day)) {
            dayTokens = Math.max(0, dayTokens + deltaIn + deltaOut);
        }
    }

    /** The provider asked the whole account to wait (429 retry-after): nothing goes before {@code until}. */
    public void pauseUntil(Instant until) {
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }

    public Optional<Instant> pausedUntil(Instant now) {
        return now.isBefore(pausedUntil) ? Optional.of(pausedUntil) : Optional.empty();
    }

    /**
     * A 429 that named the account's limit of concurrent requests (OpenAI-style messages say "on concurrent
     * requests: Limit 32"): that limit becomes the account's, as a header-reported one does, and nothing
     * else shrinks — the calls per minute were not what the provider refused. Without the figure, it is
     * an ordinary 429 ({@link #onRateLimited(Instant)}).
     */
    public void onConcurrencyLimited(Instant now, java.util.OptionalLong reportedLimit) {
        if (reportedLimit.isPresent() && reportedLimit.getAsLong() > 0) {
            reported.merge(Dimension.CONCURRENT_REQUESTS, reportedLimit.getAsLong(), Math::min);
            return;
        }
        onRateLimited(now);
    }

    /** A 429: halve the allowance; where no rate limit was known, learn it from the rate that drew the 429. */
    public void onRateLimited(Instant now) {
        expire(now);
        if (limit(Dimension.REQUESTS_PER_MINUTE) == Long.MAX_VALUE) {
            learnt.put(Dimension.REQUESTS_PER_MINUTE, (long) Math.max(1, window.size()));
        }
        if (limit(Dimension.CONCURRENT_REQUESTS) == Long.MAX_VALUE) {
            learnt.put(Dimension.CONCURRENT_REQUESTS, (long) Math.max(1, inFlight));
        }
        aimd.onRateLimited(now);
    }

    /** A success: the allowance grows back; a learnt limit grows by one each time it has been used up once. */
    public void onSuccess() {
        aimd.onSuccess();
        learnt.replaceAll((d, value) -> {
            int n = successesSinceGrowth.merge(d, 1, Integer::sum);
            if (n >= value) {
                successesSinceGrowth.put(d, 0);
                return value + 1;
            }
            return value;
        });
    }

    /**
     * Corrects the limits from the provider's rate-limit headers: a reported limit lower than the
     * configured one wins (the config may be wrong; the provider is not), and a window with nothing
     * remaining blocks its dimension until it resets.
     */
    public void observe(RateLimitSnapshot s, Instant now) {
        observe(Dimension.REQUESTS_PER_MINUTE, s.requests(), now);
        observe(Dimension.TOKENS_PER_MINUTE, s.tokens(), now);
        observe(Dimension.INPUT_TOKENS_PER_MINUTE, s.inputTokens(), now);
        observe(Dimension.OUTPUT_TOKENS_PER_MINUTE, s.outputTokens(), now);
    }

    private void observe(Dimension d, RateLimitSnapshot.Window w, Instant now) {
        if (w == null) {
            return;
        }
        if (w.limit() != null && w.limit() > 0) {
            reported.put(d, w.limit());
        }
        if (w.remaining() != null
                && w.remaining() == 0
                && w.resetAt() != null
                && w.resetAt().isAfter(now)) {
            blockedUntil.merge(d, w.resetAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /**
     * Live members of the lane's share group, this replica included; each takes 1/members of the account.
     * A rise takes effect at once, a fall only once a whole window has passed since the higher count was
     * last seen: the members that left may have used their share of the current window already.
     */
    public void setMembers(int n, Instant now) {
        memberHistory.addLast(new Observation(now, Math.max(1, n)));
        while (memberHistory.size() > 1
                && !memberHistory.peekFirst().at().plus(MINUTE).isAfter(now)) {
            memberHistory.removeFirst();
        }
        members = memberHistory.stream().mapToInt(Observation::members).max().orElse(1);
    }

    private record Observation(Instant at, int members) {}

    public int members() {
        return members;
    }

    /** This replica's current limit in a dimension; {@link Long#MAX_VALUE} when unlimited. */
    public long limit(Dimension d) {
        long account = Long.MAX_VALUE;
        Long c = configured.get(d);
        Long r = reported.get(d);
        if (c != null) {
            account = c;
        }
        if (r != null) {
            account = Math.min(account, r);
        }
        long share = account == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, account / members);
        Long l = learnt.get(d);
        if (l != null) {
            share = Math.min(share, l);
        }
        if (share == Long.MAX_VALUE || d.daily()) {
            return share;
        }
        return aimd.apply(share);
    }

    /**
     * The account-wide limit in force in a dimension: the configured one, or the one the provider's headers
     * report when lower, or a learnt one times the members; per-minute limits scaled by AIMD.
     * {@link Long#MAX_VALUE} when nothing limits it.
     */
    public long accountLimit(Dimension d) {
        long account = Long.MAX_VALUE;
        Long c = configured.get(d);
        Long r = reported.get(d);
        if (c != null) {
            account = c;
        }
        if (r != null) {
            account = Math.min(account, r);
        }
        Long l = learnt.get(d);
        if (l != null) {
            account = Math.min(account, l > Long.MAX_VALUE / members ? Long.MAX_VALUE : l * members);
        }
        if (account == Long.MAX_VALUE || d.daily()) {
            return account;
        }
        return aimd.apply(account);
    }

    /**
     * What this replica used of a dimension in its current window: requests or tokens sent in the last
     * minute (reservations until settled), calls in flight, requests or tokens today (UTC).
     */
    public long used(Dimension d, Instant now) {
        expire(now);
        rollDay(now);
        return switch (d) {
            case REQUESTS_PER_MINUTE -> window.size();
            case INPUT_TOKENS_PER_MINUTE -> windowInput;
            case OUTPUT_TOKENS_PER_MINUTE -> windowOutput;
            case TOKENS_PER_MINUTE -> windowInput + windowOutput;
            case CONCURRENT_REQUESTS -> inFlight;
            case REQUESTS_PER_DAY -> dayRequests;
            case TOKENS_PER_DAY -> dayTokens;
        };
    }

    public int inFlight() {
        return inFlight;
    }

    /** Requests sent in the last minute (this replica). */
    public int requestsInWindow(Instant now) {
        expire(now);
        return window.size();
    }

    private Admission.Wait waitFor(
            Dimension d, long used, long needed, java.util.function.ToLongFunction<Entry> amount, Instant now) {
        long limit = limit(d);
        if (limit == Long.MAX_VALUE || used + needed <= limit) {
            return null;
        }
        // Larger than the whole limit: it goes alone, once the window is empty.
        long target = Math.max(0, limit - needed);
        long remaining = used;
        Instant freeAt = null;
        Iterator<Entry> it = window.iterator();
        while (remaining > target && it.hasNext()) {
            Entry e = it.next();
            remaining -= amount.applyAsLong(e);
            freeAt = e.sentAt.plus(WINDOW);
        }
        if (freeAt == null) {
            return null;
        }
        return new Admission.Wait(Duration.between(now, freeAt), d);
    }

    private static Admission.Wait longer(Admission.Wait a, Admission.Wait b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.delay().compareTo(a.delay()) > 0 ? b : a;
    }

    private void expire(Instant now) {
        while (!window.isEmpty() && !window.peekFirst().sentAt.plus(WINDOW).isAfter(now)) {
            Entry e = window.removeFirst();
            e.expired = true;
            windowInput -= e.input;
            windowOutput -= e.output;
        }
    }

    private void rollDay(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!today.equals(day)) {
            day = today;
            dayRequests = 0;
            dayTokens = 0;
        }
    }

    private static final class Entry {
        final Instant sentAt;
        long input;
        long output;
        boolean expired;

        Entry(Instant sentAt, long input, long output) {
            this.sentAt = sentAt;
            this.input = input;
            this.output = output;
        }
    }

    /** A granted reservation; settle it exactly once (later settlements are ignored). */
    public static final class Ticket {
        private final Entry entry;
        private final LocalDate day;
        private boolean settled;

        private Ticket(Entry entry, LocalDate day) {
            this.entry = entry;
            this.day = day;
        }
    }
}
