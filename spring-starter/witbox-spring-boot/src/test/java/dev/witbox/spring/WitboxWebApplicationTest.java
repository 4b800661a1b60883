package dev.witbox.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.PluginTimeoutException;
import dev.witbox.api.PluginTrapException;
import dev.witbox.api.WasmPlugin;
import dev.witbox.spring.guests.catalog.Catalog;
import dev.witbox.spring.guests.catalog.Shop;
import dev.witbox.spring.guests.poolprobe.PoolProbe;
import dev.witbox.spring.guests.probe.Probe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A whole web application: Tomcat, Actuator, Micrometer, and three plugins injected into one service (the
 * catalog plugin linked to a bean implementing its import, the WASI probe with a read-only directory, the pool
 * probe with a short deadline), called from 16 threads; then /actuator/witbox, /actuator/health and the
 * {@code witbox.plugin.call} timers are read back.
 */
@SpringBootTest(classes = WitboxWebApplicationTest.WebApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "witbox.plugins.locations=classpath:/plugins/",
            "witbox.plugins.instances.catalog.source=classpath:/guests/imports/catalog.wasm",
            "witbox.plugins.instances.probe.source=classpath:/guests/wasi/wasi-probe.wasm",
            "witbox.plugins.instances.spinner.source=classpath:/guests/pool-probe.wasm",
            "witbox.plugins.instances.spinner.call-timeout=300ms",
            "witbox.plugins.instances.spinner.pool.max-size=2",
            "management.endpoints.web.exposure.include=witbox,health",
            "management.endpoint.health.show-details=always"
        })
class WitboxWebApplicationTest {

    static final Path DATA;

    static {
        try {
            DATA = Files.createTempDirectory("witbox-web-data");
            Files.writeString(DATA.resolve("inside.txt"), "inside");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("witbox.compile-cache.directory", TestPlugins.CACHE::toString);
        // a list comes whole from one property source
        registry.add("witbox.plugins.instances.probe.capabilities.preopens[0].host", DATA::toString);
        registry.add("witbox.plugins.instances.probe.capabilities.preopens[0].guest", () -> "/ro");
        registry.add("witbox.plugins.instances.probe.capabilities.preopens[0].mode", () -> "read-only");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class WebApp {
        @Bean
        Catalog catalog() {
            return new HostImportsTests.MemoryCatalog();
        }

        @Bean
        Plugins plugins(@WasmPlugin("catalog") Shop shop, @WasmPlugin("probe") Probe probe, @WasmPlugin("spinner") PoolProbe spinner) {
            return new Plugins(shop, probe, spinner);
        }
    }

    @Service
    record Plugins(Shop shop, Probe probe, PoolProbe spinner) {}

    @Autowired
    Plugins plugins;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    @Test
    void injectedPluginsServeSixteenThreadsAndActuatorAndMicrometerSeeEveryCall() throws Exception {
        int perThread = 25;
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Boolean>> work = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                work.add(() -> {
                    for (int i = 0; i < perThread; i++) {
                        if (!plugins.shop().describe(1).orElse("").equals("main hammer [tool,steel]")) {
                            return false;
                        }
                        if (plugins.probe().run("readonly") != 0) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> f : threads.invokeAll(work)) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            threads.shutdown();
        }
        assertThatThrownBy(() -> plugins.spinner().spin()).isInstanceOf(PluginTimeoutException.class);
        assertThatThrownBy(() -> plugins.spinner().crash()).isInstanceOf(PluginTrapException.class);
        assertThat(plugins.spinner().square(7)).isEqualTo(49);

        JsonNode witbox = get("/actuator/witbox").get("plugins");
        assertThat(witbox.propertyNames()).containsExactlyInAnyOrder("add-greet", "catalog", "probe", "spinner");
        JsonNode catalog = witbox.get("catalog");
        assertThat(catalog.get("source").asString()).endsWith("/guests/imports/catalog.wasm");
        assertThat(catalog.get("sha256").asString()).isEqualTo(ManagedPlugin.sha256(Files.readAllBytes(TestPlugins.guest("imports/catalog.wasm"))));
        assertThat(catalog.get("world").get("imports").toString()).contains("host:app/catalog@0.1.0");
        assertThat(catalog.get("world").get("exports").toString()).contains("describe");
        assertThat(catalog.get("calls").get("calls").asLong()).isEqualTo(16 * perThread);
        assertThat(catalog.get("pool").get("busy").asInt()).isZero();
        assertThat(catalog.get("pool").get("max").asInt()).isPositive();
        assertThat(catalog.get("memory").get("budgetBytes").asLong()).isEqualTo(256L << 20);
        assertThat(catalog.get("memory").get("inUseBytes").asLong()).isPositive();
        JsonNode spinner = witbox.get("spinner");
        assertThat(spinner.get("calls").get("timeouts").asLong()).isEqualTo(1);
        assertThat(spinner.get("calls").get("traps").asLong()).isEqualTo(2); // the timeout counts as a trap too
        assertThat(spinner.get("lastTrap").asString()).contains("crash");
        assertThat(get("/actuator/witbox/probe").get("world").get("imports").toString()).contains("wasi:filesystem/preopens@0.2");

        JsonNode health = get("/actuator/health").get("components").get("witbox");
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("details").get("spinner").get("lastTrap").asString()).contains("crash");

        assertThat(timer("catalog", "describe", "ok").count()).isEqualTo(16 * perThread);
        assertThat(timer("probe", "run", "ok").count()).isEqualTo(16 * perThread);
        assertThat(timer("spinner", "spin", "timeout").count()).isEqualTo(1);
        assertThat(timer("spinner", "crash", "trap").count()).isEqualTo(1);
        assertThat(meters.get("witbox.pool.max").tag("plugin", "spinner").gauge().value()).isEqualTo(2);
        assertThat(meters.get("witbox.memory.budget").tag("plugin", "catalog").gauge().value()).isEqualTo(256L << 20);
    }

    private Timer timer(String plugin, String function, String outcome) {
        return meters.get("witbox.plugin.call").tag("plugin", plugin).tag("function", function).tag("outcome", outcome).timer();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(response.body());
    }
}
