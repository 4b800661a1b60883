/**
 * Helpers of the engine's own that are no API: {@link dev.witbox.internal.CacheLinePadding}; and
 * {@code dev.witbox.internal.chicory}, the one package that talks to Chicory.
 */
package dev.witbox.internal;
