package dev.witbox.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java type generated from WIT with the WIT interface (or world) it stands for, so that the
 * runtime can check at bind time that a plugin really has it.
 *
 * <p>The value is the component-model name {@code namespace:package/name@version} (the version only
 * when the package has one): an interface such as {@code wasi:clocks/wall-clock@0.2.0}, or, for the
 * functions a world imports or exports directly, the world such as {@code demo:add-greet/add-greet@0.1.0}.
 * Types nested in the annotated type belong to that interface (see {@link WitType}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WitInterface {

    /** {@code namespace:package/name@version}. */
    String value();
}
