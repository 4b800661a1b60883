package dev.witbox.component;

/** What a {@code .wasm} file turned out to be: a component (layer 1) or a plain core module (layer 0). */
public sealed interface WasmBinary permits Component, CoreModuleBinary {
}
