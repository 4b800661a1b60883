package dev.witbox.spring;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Hot reload ({@code witbox.plugins.reload.enabled}): one daemon thread looks at every plugin loaded from a
 * {@code file:} now and then, and when a file's size or modification time changed, asks
 * {@link WitboxPlugins#reload} to swap it in. A refused version is logged once per change of the file; the
 * version serving carries on.
 */
final class ReloadWatcher implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadWatcher.class);

    private final WitboxPlugins plugins;
    private final Map<String, String> seen = new HashMap<>();
    private final ScheduledExecutorService timer;

    ReloadWatcher(WitboxPlugins plugins, Duration interval) {
        this.plugins = plugins;
        for (ManagedPlugin p : plugins.all()) {
            File f = file(p);
            if (f != null) {
                seen.put(p.name(), stamp(f));
            }
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "witbox-plugin-reload");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(10, interval.toMillis());
        timer.scheduleWithFixedDelay(this::check, ms, ms, TimeUnit.MILLISECONDS);
        LOG.info("witbox: reloading changed plugin files ({} watched, every {})", seen.size(), interval);
    }

    private void check() {
        for (ManagedPlugin p : plugins.all()) {
            File f = file(p);
            if (f == null) {
                continue;
            }
            String now = stamp(f);
            if (now.equals(seen.get(p.name()))) {
                continue;
            }
            seen.put(p.name(), now);
            try {
                if (plugins.reload(p.name())) {
                    LOG.info("witbox: plugin '{}' reloaded from {} (sha256 {})", p.name(), f, p.sha256());
                }
            } catch (RuntimeException e) {
                LOG.warn("witbox: refused the new version of plugin '{}' from {}; the previous version keeps serving: {}",
                        p.name(), f, e.getMessage());
            }
        }
    }

    private static File file(ManagedPlugin p) {
        try {
            return p.resource().isFile() ? p.resource().getFile() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String stamp(File f) {
        return f.length() + "@" + f.lastModified();
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
