package dev.witbox.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java method generated from a WIT function with that function's component-model name and
 * WIT signature, so that the runtime can bind the method to the plugin's export (or import) and check
 * that the types agree.
 *
 * <p>{@code name} is the name in the component: {@code greet} for a freestanding function,
 * {@code [method]counter.increment}, {@code [static]counter.make} or {@code [constructor]counter} for
 * the functions of a resource. {@code signature} is the function type as WIT writes it, named types by
 * their own names, e.g. {@code func(name: string) -> string} (a method's implicit {@code self} is not
 * written).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WitFunction {

    /** The component-model function name. */
    String name();

    /** The WIT function type, e.g. {@code func(a: u32, b: u32) -> u32}. */
    String signature();
}
