package dev.witbox.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java type generated from a named WIT type (record, variant, enum, flags or resource) with
 * its WIT name. The interface it belongs to is the {@link WitInterface} of the enclosing type.
 *
 * <p>Fields, cases and flags map by position: record components, variant case records and enum
 * constants are declared in WIT order.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WitType {

    /** The WIT type name, e.g. {@code point}. */
    String value();
}
