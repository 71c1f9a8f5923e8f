package dev.nightshift.bench.ingest;

/** What one engine did over one repository, and in how long. */
record Throughput(String repository, String engine, long files, long bytes, long tokens, double seconds, long peakHeapBytes) {
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
        return new Throughput(repository, engine, files, bytes, faster.tokens, faster.seconds, Math.max(peakHeapBytes, other.peakHeapBytes));
    }

    double peakHeapMb() {
        return peakHeapBytes / 1e6;
    }
}
