package dev.witbox.api;

import java.util.Objects;
import java.util.function.Function;

/**
 * WIT's {@code result<T, E>}: either {@link Ok} with a value of type {@code T} or {@link Err} with a
 * value of type {@code E}.
 *
 * <p>Where WIT leaves a side out ({@code result<T>}, {@code result<_, E>}, {@code result}), that side's
 * type is {@link Void} and its value is {@code null}: {@code Result.ok(null)}.
 *
 * @param <T> the type of the success value
 * @param <E> the type of the error value
 */
public sealed interface Result<T, E> {

    /** The success case. */
    record Ok<T, E>(T value) implements Result<T, E> {
    }

    /** The error case. */
    record Err<T, E>(E error) implements Result<T, E> {
    }

    /** A success holding {@code value} ({@code null} when the type is {@link Void}). */
    static <T, E> Result<T, E> ok(T value) {
        return new Ok<>(value);
    }

    /** An error holding {@code error} ({@code null} when the type is {@link Void}). */
    static <T, E> Result<T, E> err(E error) {
        return new Err<>(error);
    }

    /** Whether this is {@link Ok}. */
    default boolean isOk() {
        return this instanceof Ok;
    }

    /**
     * The success value, or throws {@code toException.apply(error)} for an error.
     */
    default <X extends Exception> T orElseThrow(Function<? super E, X> toException) throws X {
        Objects.requireNonNull(toException, "toException");
        if (this instanceof Ok<T, E> ok) {
            return ok.value();
        }
        throw toException.apply(((Err<T, E>) this).error());
    }
}
