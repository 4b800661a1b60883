package dev.witbox.spring;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Finds the plugins: every {@code <name>.wasm} under {@code witbox.plugins.locations}, and every instance
 * whose {@code source} names its file. The answer is each plugin's name and file; nothing is loaded here.
 */
final class PluginDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(PluginDiscovery.class);

    private PluginDiscovery() {}

    /** Plugin name to its file, in discovery order (locations first, then instances with only a source). */
    static Map<String, Resource> discover(ResourcePatternResolver resolver, WitboxProperties.Plugins props) {
        Map<String, Resource> found = new LinkedHashMap<>();
        for (String location : props.getLocations()) {
            for (Resource r : find(resolver, location)) {
                String file = r.getFilename();
                if (file == null || !file.endsWith(".wasm")) {
                    continue;
                }
                String name = file.substring(0, file.length() - ".wasm".length());
                Resource earlier = found.get(name);
                if (earlier != null && !sameFile(earlier, r)) {
                    if (props.getInstances().containsKey(name) && props.getInstances().get(name).getSource() != null) {
                        continue; // the explicit source decides below
                    }
                    throw new WitboxStartupException("Two plugins are named '" + name + "': " + describe(earlier)
                            + " and " + describe(r) + ".",
                            "Rename or remove one of the files, or set witbox.plugins.instances." + name
                                    + ".source to the one to use.");
                }
                found.putIfAbsent(name, r);
            }
        }
        for (Map.Entry<String, PluginSettings> e : props.getInstances().entrySet()) {
            String name = e.getKey();
            String source = e.getValue().getSource();
            if (source == null) {
                if (!found.containsKey(name)) {
                    throw new WitboxStartupException("Plugin '" + name + "' is configured under witbox.plugins.instances."
                            + name + " but has no source: no " + name + ".wasm was found in " + props.getLocations() + ".",
                            "Set witbox.plugins.instances." + name + ".source to its file (file:./plugins/" + name
                                    + ".wasm), or put " + name + ".wasm in one of the locations.");
                }
                continue;
            }
            Resource r = resolver.getResource(source);
            if (!r.exists()) {
                throw new WitboxStartupException("Plugin '" + name + "': its source " + source + " does not exist.",
                        "Put the plugin's .wasm file there, or correct witbox.plugins.instances." + name + ".source.");
            }
            Resource discovered = found.put(name, r);
            if (discovered != null && !sameFile(discovered, r)) {
                LOG.info("witbox: plugin '{}' is loaded from {} (witbox.plugins.instances.{}.source), not from {}",
                        name, describe(r), name, describe(discovered));
            }
        }
        return found;
    }

    private static List<Resource> find(ResourcePatternResolver resolver, String location) {
        String pattern = location;
        if (pattern.endsWith("/")) {
            pattern = pattern + "*.wasm";
        }
        if (pattern.startsWith("classpath:")) {
            // a folder on the classpath may be in several jars or folders: look in all of them
            pattern = "classpath*:" + pattern.substring("classpath:".length());
        }
        try {
            List<Resource> out = new ArrayList<>();
            for (Resource r : resolver.getResources(pattern)) {
                if (r.exists() && r.isReadable()) {
                    out.add(r);
                }
            }
            out.sort(java.util.Comparator.comparing(PluginDiscovery::describe));
            return out;
        } catch (FileNotFoundException e) {
            return List.of(); // a location that does not exist holds no plugins
        } catch (IOException e) {
            throw new WitboxStartupException("The plugin location " + location + " cannot be read: " + e.getMessage(),
                    "Correct witbox.plugins.locations, or make the location readable.", e);
        }
    }

    static String describe(Resource r) {
        try {
            return r.getURL().toString();
        } catch (IOException e) {
            return r.getDescription();
        }
    }

    private static boolean sameFile(Resource a, Resource b) {
        return describe(a).equals(describe(b));
    }
}
