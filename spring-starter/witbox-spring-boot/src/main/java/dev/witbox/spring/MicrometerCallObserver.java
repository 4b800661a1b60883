package dev.witbox.spring;

import dev.witbox.api.PluginBusyException;
import dev.witbox.api.PluginTimeoutException;
import dev.witbox.api.PluginTrapException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * One {@link Observation} {@code witbox.plugin.call} per plugin call, with low-cardinality tags {@code plugin},
 * {@code function} and {@code outcome} ({@code ok}, {@code trap}, {@code timeout}, {@code busy} or
 * {@code error}): with Micrometer's default handlers that is a timer {@code witbox.plugin.call} and, with
 * tracing, a span per call.
 */
final class MicrometerCallObserver implements CallObserver {

    static final String NAME = "witbox.plugin.call";

    private final ObservationRegistry registry;

    MicrometerCallObserver(ObservationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Object observe(String plugin, String function, Call call) throws Throwable {
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName("witbox " + plugin + " " + function)
                .lowCardinalityKeyValue("plugin", plugin)
                .lowCardinalityKeyValue("function", function)
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            Object result = call.run();
            observation.lowCardinalityKeyValue("outcome", "ok");
            return result;
        } catch (Throwable t) {
            observation.lowCardinalityKeyValue("outcome", outcome(t));
            observation.error(t);
            throw t;
        } finally {
            observation.stop();
        }
    }

    static String outcome(Throwable t) {
        if (t instanceof PluginTimeoutException) {
            return "timeout"; // before trap: a timeout is a trap too
        }
        if (t instanceof PluginTrapException) {
            return "trap";
        }
        if (t instanceof PluginBusyException) {
            return "busy";
        }
        return "error";
    }
}
