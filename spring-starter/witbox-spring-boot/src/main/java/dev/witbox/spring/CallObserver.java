package dev.witbox.spring;

/**
 * Wraps each call made through an injected plugin interface, for observability. The Micrometer one
 * ({@link MicrometerCallObserver}) exists only when Micrometer's observation API is on the classpath, so this
 * interface keeps the call path free of Micrometer types.
 */
interface CallObserver {

    /** Observes nothing. */
    CallObserver NONE = (plugin, function, call) -> call.run();

    Object observe(String plugin, String function, Call call) throws Throwable;

    /** The call itself. */
    @FunctionalInterface
    interface Call {
        Object run() throws Throwable;
    }
}
