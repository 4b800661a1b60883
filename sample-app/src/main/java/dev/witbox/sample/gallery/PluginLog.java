package dev.witbox.sample.gallery;

import dev.witbox.sample.plugins.thumbnailer.Log;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The host side of the thumbnailer's {@code witbox:sample/log} import: a Spring bean implementing
 * the interface generated from the WIT. Lines go to SLF4J and to a short history the page shows.
 */
@Component
public class PluginLog implements Log {

    private static final Logger LOG = LoggerFactory.getLogger("gallery.plugin.thumbnailer");
    private static final int KEPT = 50;

    /** One line a plugin wrote. */
    public record Line(Instant at, String level, String message) {}

    private final Deque<Line> recent = new ArrayDeque<>();

    @Override
    public void write(Level level, String message) {
        switch (level) {
            case DEBUG -> LOG.debug(message);
            case INFO -> LOG.info(message);
            case WARN -> LOG.warn(message);
            case ERROR -> LOG.error(message);
        }
        synchronized (recent) {
            recent.addFirst(new Line(Instant.now(), level.name().toLowerCase(java.util.Locale.ROOT), message));
            while (recent.size() > KEPT) {
                recent.removeLast();
            }
        }
    }

    /** The latest lines, newest first. */
    public List<Line> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }
}
