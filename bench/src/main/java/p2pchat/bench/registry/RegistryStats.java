package p2pchat.bench.registry;

/**
 * The registry process measured at one moment, after a full garbage collection.
 *
 * @param sessions sessions logged in
 * @param heapUsed heap bytes in use after GC (MemoryMXBean)
 * @param heapCommitted heap bytes committed
 * @param rss resident set size (VmRSS), bytes
 * @param direct direct (off-heap) buffer bytes in use: the JDK's pool plus Netty's own counter
 * @param openFiles file descriptors open
 * @param cpuNanos CPU time the process has used so far
 * @param threads live threads
 */
public record RegistryStats(
    int sessions,
    long heapUsed,
    long heapCommitted,
    long rss,
    long direct,
    long openFiles,
    long cpuNanos,
    int threads) {}
