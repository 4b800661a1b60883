package dev.witbox.sample.gallery;

import dev.witbox.runtime.HostImports;
import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.PluginPool;
import dev.witbox.runtime.PoolOptions;
import dev.witbox.runtime.WitboxEngine;
import dev.witbox.sample.plugins.captions.Captions;
import dev.witbox.sample.plugins.filters.Filters;
import dev.witbox.sample.plugins.thumbnailer.Log;
import dev.witbox.sample.plugins.thumbnailer.Thumbnails;
import dev.witbox.wasi.Wasi;
import dev.witbox.wasi.WasiPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * TEMPORARY seam until the starter's {@code @WasmPlugin} injection lands: the three plugin
 * interfaces as beans, each backed by a pool made with the engine API directly.
 */
@Configuration(proxyBeanMethods = false)
class EnginePlugins {

    private final WitboxEngine engine = WitboxEngine.create();

    @Bean(destroyMethod = "close")
    PluginPool thumbnailerPool(GalleryProperties properties, PluginLog log) throws IOException {
        Files.createDirectories(properties.uploadDir());
        Plugin plugin = load("thumbnailer");
        WasiPolicy policy = WasiPolicy.builder()
                .preopen(properties.uploadDir(), "/uploads", WasiPolicy.Access.READ_ONLY)
                .stdout(WasiPolicy.Output.logger())
                .stderr(WasiPolicy.Output.logger())
                .build();
        return plugin.pool(PoolOptions.builder()
                .maxSize(4)
                .memoryBudgetBytes(768L << 20)
                .maxInstanceMemoryBytes(256L << 20)
                .callTimeout(Duration.ofSeconds(20))
                .imports(() -> Wasi.context(plugin, policy)
                        .addTo(HostImports.builder().implement(Log.class, log))
                        .build())
                .build());
    }

    @Bean(destroyMethod = "close")
    PluginPool filtersPool() {
        return load("filters").pool(PoolOptions.builder()
                .maxSize(4)
                .memoryBudgetBytes(256L << 20)
                .maxInstanceMemoryBytes(64L << 20)
                .callTimeout(Duration.ofSeconds(20))
                .build());
    }

    @Bean(destroyMethod = "close")
    PluginPool captionsPool() {
        return load("captions").pool(PoolOptions.builder()
                .maxSize(2)
                .memoryBudgetBytes(32L << 20)
                .maxInstanceMemoryBytes(16L << 20)
                .callTimeout(Duration.ofSeconds(2))
                .build());
    }

    @Bean
    Thumbnails thumbnails(PluginPool thumbnailerPool) {
        return thumbnailerPool.bind(Thumbnails.class);
    }

    @Bean
    Filters filters(PluginPool filtersPool) {
        return filtersPool.bind(Filters.class);
    }

    @Bean
    Captions captions(PluginPool captionsPool) {
        return captionsPool.bind(Captions.class);
    }

    private Plugin load(String name) {
        try (InputStream in = EnginePlugins.class.getResourceAsStream("/plugins/" + name + ".wasm")) {
            if (in == null) {
                throw new IllegalStateException("plugin " + name + ".wasm is not on the classpath");
            }
            return engine.load(name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
