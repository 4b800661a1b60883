package dev.witbox.spring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * witbox's configuration under {@code witbox.*}: the compile cache, where plugins are found, the settings
 * every plugin shares ({@code plugins.defaults}) and those of each one ({@code plugins.instances.<name>}).
 * Every field's Javadoc is its IDE documentation (spring-boot-configuration-processor).
 */
@ConfigurationProperties("witbox")
public class WitboxProperties {

    /** The persistent cache of compiled plugin code. */
    private final CompileCache compileCache = new CompileCache();

    /** Where plugins come from and what each may do. */
    private final Plugins plugins = new Plugins();

    public CompileCache getCompileCache() {
        return compileCache;
    }

    public Plugins getPlugins() {
        return plugins;
    }

    /** The compile cache: compiled core modules kept on disk so that a restart does not compile again. */
    public static class CompileCache {

        /** Whether compiled plugin code is kept on disk across restarts. */
        private boolean enabled = true;

        /**
         * The cache directory, created (owner-only) if missing. Whoever can write it can change the code
         * plugins run, so a directory its group or others may write is refused (the cache is then off, with
         * a warning).
         */
        private Path directory = Path.of(System.getProperty("user.home"), ".cache", "witbox", "compile-cache");

        /** The most the cached entries may take together; the least recently used go first. */
        private DataSize maxSize = DataSize.ofGigabytes(1);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Path getDirectory() {
            return directory;
        }

        public void setDirectory(Path directory) {
            this.directory = directory;
        }

        public DataSize getMaxSize() {
            return maxSize;
        }

        public void setMaxSize(DataSize maxSize) {
            this.maxSize = maxSize;
        }
    }

    /** The plugins: discovery, shared defaults, per-plugin settings, reload and shutdown. */
    public static class Plugins {

        /**
         * Where {@code <name>.wasm} files are looked for, as Spring resource locations: a folder (ending in
         * {@code /}) or a pattern. Each file found is a plugin named after it, configured by
         * {@code witbox.plugins.defaults}.
         */
        private List<String> locations = new ArrayList<>(List.of("classpath:/plugins/", "file:./plugins/"));

        /** The settings of every plugin, unless {@code witbox.plugins.instances.<name>} says otherwise. */
        @NestedConfigurationProperty
        private PluginSettings defaults = new PluginSettings();

        /** Per-plugin settings by plugin name; a plugin named here but found nowhere needs a {@code source}. */
        private Map<String, PluginSettings> instances = new LinkedHashMap<>();

        /** Reloading changed plugin files while the application runs. */
        private final Reload reload = new Reload();

        /** How long closing the application waits for plugin calls in flight to finish. */
        private Duration shutdownGracePeriod = Duration.ofSeconds(10);

        public List<String> getLocations() {
            return locations;
        }

        public void setLocations(List<String> locations) {
            this.locations = locations;
        }

        public PluginSettings getDefaults() {
            return defaults;
        }

        public void setDefaults(PluginSettings defaults) {
            this.defaults = defaults;
        }

        public Map<String, PluginSettings> getInstances() {
            return instances;
        }

        public void setInstances(Map<String, PluginSettings> instances) {
            this.instances = instances;
        }

        public Reload getReload() {
            return reload;
        }

        public Duration getShutdownGracePeriod() {
            return shutdownGracePeriod;
        }

        public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
            this.shutdownGracePeriod = shutdownGracePeriod;
        }
    }

    /** Hot reload of {@code file:} plugins. */
    public static class Reload {

        /**
         * Whether a changed {@code file:} plugin is loaded, checked (its pinned sha256, the interfaces it was
         * injected as) and swapped in while the application runs; calls in flight finish on the old version.
         */
        private boolean enabled = false;

        /** How often plugin files are checked for changes. */
        private Duration interval = Duration.ofSeconds(2);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }
}
