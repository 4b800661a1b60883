package dev.witbox.component;

/** {@code (import "name" externtype)}. */
public record Import(ExternName name, ExternType type) implements Definition {
}
