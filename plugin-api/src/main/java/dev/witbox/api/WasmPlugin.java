package dev.witbox.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks a dependency-injection container (witbox's Spring Boot starter) for a plugin by name: on a
 * constructor or method parameter, or a field, whose type is an interface generated from the plugin's WIT
 * (its calls then go through the plugin's pool), or the plugin's {@code Plugin} or {@code PluginPool}.
 *
 * <pre>
 * Thumbnails(&#64;WasmPlugin("thumbnailer") Resize resize) { ... }
 * </pre>
 *
 * <p>Without a name, the one configured plugin whose exports match the interface is injected; none, or
 * more than one, is an error listing the candidates. The annotation carries no container type, so code
 * that only calls plugins depends on {@code witbox-plugin-api} alone.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface WasmPlugin {

    /** The plugin's name (its file name without {@code .wasm}, or its key under {@code instances}); empty: the one that fits. */
    String value() default "";
}
