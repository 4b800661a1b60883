package dev.witbox.benchmarks;

import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginInstance;
import dev.witbox.runtime.WitboxEngine;
import dev.witbox.wasi.Wasi;
import dev.witbox.wasi.WasiContext;
import dev.witbox.wasi.WasiPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What one cold start runs, in a fresh JVM started by {@link ColdStart}: read a guest, load it (decode,
 * plan, compile or read the compile cache), instantiate it, complete one call, print the result, exit.
 *
 * <p>Arguments: {@code hello} (the baseline: print and exit, nothing of witbox loaded), or {@code GUEST
 * [--file PATH] [--cache DIR] [--build-time]}: a guest packed in the jar ({@code add-greet}, {@code values}) or
 * read from PATH (js-hello), with a compile cache in DIR or none; {@code --build-time} fails the run unless every
 * core module came from build-time classes on the class path (none compiled).
 */
public final class ColdStartChild {

    private ColdStartChild() {}

    public static void main(String[] args) throws IOException {
        if (args[0].equals("hello")) {
            System.out.println("hello");
            return;
        }
        String guest = args[0];
        Path file = null;
        Path cache = null;
        boolean buildTime = false;
        for (int i = 1; i < args.length; i += 2) {
            switch (args[i]) {
                case "--file" -> file = Path.of(args[i + 1]);
                case "--cache" -> cache = Path.of(args[i + 1]);
                case "--build-time" -> {
                    buildTime = true;
                    i--; // takes no value
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        byte[] bytes = file == null ? Guests.bytes(guest + ".wasm") : Files.readAllBytes(file);
        WitboxEngine engine = WitboxEngine.builder().compileCache(cache).build();
        Plugin plugin = engine.load(guest, bytes);
        if (buildTime && engine.compileStats().compiled() != 0) {
            throw new IllegalStateException("expected every core module from build-time classes: " + engine.compileStats());
        }
        // js-hello (componentize-js) imports WASI stdio, clocks, random, filesystem and http: a context that
        // grants nothing links them (the call uses none); the other guests import nothing
        try (WasiContext wasi = plugin.imports().isEmpty() ? null : Wasi.context(plugin, WasiPolicy.denyAll());
                PluginInstance instance = wasi == null ? plugin.instantiate() : plugin.instantiate(wasi.imports())) {
            WitValue result = guest.equals("values")
                    ? instance.call("demo:values/echo@0.1.0#echo-string", new WitValue.Str("cold"))
                    : instance.call("greet", new WitValue.Str("cold"));
            System.out.println(((WitValue.Str) result).value());
        }
    }
}
