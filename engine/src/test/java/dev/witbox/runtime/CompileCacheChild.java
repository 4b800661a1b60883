package dev.witbox.runtime;

import dev.witbox.api.value.WitValue;
import java.nio.file.Path;

/**
 * A separate JVM for {@link CompileCacheEngineTest}: loads add-greet with a compile cache directory, calls
 * {@code greet}, and prints the result and what the cache did.
 *
 * <p>Arguments: the cache directory, the plugin file.
 */
public final class CompileCacheChild {

    private CompileCacheChild() {}

    public static void main(String[] args) {
        WitboxEngine engine = WitboxEngine.builder().compileCache(Path.of(args[0])).build();
        Plugin plugin = engine.load(Path.of(args[1]));
        try (PluginInstance instance = plugin.instantiate()) {
            WitValue greeting = instance.call("greet", new WitValue.Str("process"));
            System.out.println("greet=" + ((WitValue.Str) greeting).value());
        }
        System.out.println("stats=" + engine.compileCache().stats());
    }
}
