package dev.witbox.abi;

/**
 * A core WebAssembly function, values in Chicory's convention: an i32 as the int's value in a
 * long, an i64 as is, an f32 as {@link Float#floatToRawIntBits} in the low 32 bits, an f64 as
 * {@link Double#doubleToRawLongBits}.
 */
@FunctionalInterface
public interface CoreFunction {
    long[] call(long[] args);
}
