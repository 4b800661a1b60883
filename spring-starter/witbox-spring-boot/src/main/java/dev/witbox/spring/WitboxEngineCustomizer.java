package dev.witbox.spring;

import dev.witbox.runtime.WitboxEngine;

/**
 * Adjusts the {@link WitboxEngine} the auto-configuration builds, after {@code witbox.compile-cache.*} was
 * applied. Every customizer bean is applied, in {@code @Order} order. (A {@code WitboxEngine} bean of the
 * application's own replaces the auto-configured one entirely.)
 */
@FunctionalInterface
public interface WitboxEngineCustomizer {

    void customize(WitboxEngine.Builder builder);
}
