package dev.witbox.abi;

/**
 * The guest's {@code realloc} canonical option: {@code (func (param i32 i32 i32 i32) (result i32))}.
 * Arguments and result are unsigned 32-bit values held in longs; the ABI masks the result and
 * checks it for alignment and bounds before using it.
 */
@FunctionalInterface
public interface Realloc {
    long realloc(long originalPtr, long originalSize, long alignment, long newSize);
}
