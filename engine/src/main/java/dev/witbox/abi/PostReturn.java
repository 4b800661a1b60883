package dev.witbox.abi;

/** The guest's {@code post-return} canonical option, called with the export's core results. */
@FunctionalInterface
public interface PostReturn {
    void postReturn(long[] coreResults);
}
