package dev.witbox.runtime;

import dev.witbox.api.PluginTrapException;
import java.time.Duration;

/** A {@link PluginListener} whose failures are ignored, so that a broken metrics binding cannot break calls. */
final class SafeListener implements PluginListener {

    private final PluginListener delegate;

    SafeListener(PluginListener delegate) {
        this.delegate = delegate;
    }

    private void run(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            // documented: a listener must not throw; if it does, the call it observes goes on regardless
        }
    }

    @Override
    public void callCompleted(String pluginId, String export, long nanos) {
        run(() -> delegate.callCompleted(pluginId, export, nanos));
    }

    @Override
    public void callTrapped(String pluginId, String export, long nanos, PluginTrapException trap) {
        run(() -> delegate.callTrapped(pluginId, export, nanos, trap));
    }

    @Override
    public void callTimedOut(String pluginId, String export, Duration timeout) {
        run(() -> delegate.callTimedOut(pluginId, export, timeout));
    }

    @Override
    public void poolWaited(String pluginId, long nanos) {
        run(() -> delegate.poolWaited(pluginId, nanos));
    }

    @Override
    public void acquireTimedOut(String pluginId, Duration timeout) {
        run(() -> delegate.acquireTimedOut(pluginId, timeout));
    }

    @Override
    public void instanceCreated(String pluginId) {
        run(() -> delegate.instanceCreated(pluginId));
    }

    @Override
    public void instanceReused(String pluginId) {
        run(() -> delegate.instanceReused(pluginId));
    }

    @Override
    public void instanceDiscarded(String pluginId, DiscardReason reason) {
        run(() -> delegate.instanceDiscarded(pluginId, reason));
    }

    @Override
    public void memoryInUse(String pluginId, long inUseBytes, long budgetBytes) {
        run(() -> delegate.memoryInUse(pluginId, inUseBytes, budgetBytes));
    }

    @Override
    public void memoryGrowRefused(String pluginId, long requestedBytes, GrowRefusal reason) {
        run(() -> delegate.memoryGrowRefused(pluginId, requestedBytes, reason));
    }
}
