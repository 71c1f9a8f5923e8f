package dev.nightshift.bench.ingest;

/**
 * What one engine did over one repository, and in how long.
 *
 * @param peakHeapBytes the most heap in use after a collection while it ran ({@code HeapPeak#liveBytes})
 * @param poolPeakBytes the heap pools' peaks summed, an upper bound counting uncollected garbage
 */
record Throughput(
        String repository,
        String engine,
        long files,
        long bytes,
        long tokens,
        double seconds,
        long peakHeapBytes,
        long poolPeakBytes) {
    double filesPerSecond() {
        return files / seconds;
    }

    double mbPerSecond() {
        return bytes / 1e6 / seconds;
    }

    double tokensPerSecond() {
        return tokens / seconds;
    }

    /** The faster of two rounds of the same engine on the same repository, with the higher peak heap. */
    Throughput bestWith(Throughput other) {
        Throughput faster = other.seconds < seconds ? other : this;
        return new Throughput(
                repository,
                engine,
                files,
                bytes,
                faster.tokens,
                faster.seconds,
                Math.max(peakHeapBytes, other.peakHeapBytes),
                Math.max(poolPeakBytes, other.poolPeakBytes));
    }

    /** The same throughput with the heap figures of a separate, untimed pass. */
    Throughput withHeap(long live, long poolPeak) {
        return new Throughput(repository, engine, files, bytes, tokens, seconds, live, poolPeak);
    }

    double poolPeakMb() {
        return poolPeakBytes / 1e6;
    }

    double peakHeapMb() {
        return peakHeapBytes / 1e6;
    }
}
