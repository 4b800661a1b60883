package dev.witbox.wit;

/** A named function parameter. */
public record Param(String name, Type type) {
}
