package dev.witbox.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.PluginBusyException;
import dev.witbox.spring.actuate.WitboxActuatorAutoConfiguration;
import dev.witbox.spring.actuate.WitboxHealthIndicator;
import dev.witbox.spring.guests.catalog.Shop;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The witbox health: up, out of service while a pool turns callers away, up again once it does not. */
class HealthTests {

    @Test
    void anExhaustedPoolIsOutOfServiceUntilItServesAgain() {
        ShutdownTests.entered = new CountDownLatch(1);
        ShutdownTests.release = new CountDownLatch(1);
        TestPlugins.runner().withConfiguration(AutoConfigurations.of(WitboxActuatorAutoConfiguration.class))
                .withUserConfiguration(ShutdownTests.App.class).withBean(ShutdownTests.Checkout.class)
                .withPropertyValues("witbox.plugins.instances.catalog.source=classpath:/guests/imports/catalog.wasm",
                        "witbox.plugins.instances.catalog.pool.max-size=1",
                        "witbox.plugins.instances.catalog.pool.acquire-timeout=50ms")
                .run(context -> {
                    WitboxHealthIndicator health = context.getBean(WitboxHealthIndicator.class);
                    Shop shop = context.getBean(ShutdownTests.Checkout.class).shop;
                    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                    CompletableFuture<Optional<String>> held = CompletableFuture.supplyAsync(() -> shop.describe(1));
                    assertThat(ShutdownTests.entered.await(10, TimeUnit.SECONDS)).isTrue();
                    assertThatThrownBy(() -> shop.describe(1)).isInstanceOf(PluginBusyException.class);
                    Health exhausted = health.health();
                    assertThat(exhausted.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> details = (Map<String, Object>) exhausted.getDetails().get("catalog");
                    assertThat(details).containsEntry("exhausted", true)
                            .containsEntry("busy", 1).containsEntry("rejected", 1L);
                    ShutdownTests.release.countDown();
                    assertThat(held.get(10, TimeUnit.SECONDS)).contains("held []");
                    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                });
    }
}
