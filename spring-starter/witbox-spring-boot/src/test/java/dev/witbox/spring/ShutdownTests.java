package dev.witbox.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.api.Result;
import dev.witbox.api.WasmPlugin;
import dev.witbox.spring.guests.catalog.Catalog;
import dev.witbox.spring.guests.catalog.Shop;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Closing the context closes every pool, after the calls in flight, at most the grace period. A call is held
 * in flight by the catalog bean its guest calls back into.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownTests {

    static volatile CountDownLatch entered;
    static volatile CountDownLatch release;

    /** Answers once {@link #release} opens. */
    static class HoldingCatalog implements Catalog {
        @Override
        public Optional<Item> lookup(long id) {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(new Item(id, "held", 1, List.of()));
        }

        @Override
        public Result<Long, String> reserve(long id, long quantity) {
            return Result.err("not here");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class App {
        @Bean
        Catalog catalog() {
            return new HoldingCatalog();
        }
    }

    static class Checkout {
        final Shop shop;

        Checkout(@WasmPlugin("catalog") Shop shop) {
            this.shop = shop;
        }
    }

    private static ApplicationContextRunner runner(String grace) {
        return TestPlugins.runner().withUserConfiguration(App.class).withBean(Checkout.class).withPropertyValues(
                "witbox.plugins.instances.catalog.source=classpath:/guests/imports/catalog.wasm",
                "witbox.plugins.shutdown-grace-period=" + grace);
    }

    @Test
    void aCallInFlightFinishesThenThePoolClosesAndThenTheContextIsClosedWithinTheGracePeriod(CapturedOutput output) throws Exception {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        runner("10s").run(context -> {
            Shop shop = context.getBean(Checkout.class).shop;
            ManagedPlugin catalog = context.getBean(WitboxPlugins.class).get("catalog");
            CompletableFuture<Optional<String>> call = CompletableFuture.supplyAsync(() -> shop.describe(1));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
            Thread.sleep(300);
            assertThat(closing).as("closing waits for the call in flight").isNotDone();
            release.countDown();
            assertThat(call.get(10, TimeUnit.SECONDS)).contains("held []");
            closing.get(10, TimeUnit.SECONDS);
            assertThat(catalog.stats().idle() + catalog.stats().active()).isZero();
            assertThat(catalog.pool().toString()).isNotNull();
        });
        assertThat(output).doesNotContain("with calls still in flight");
    }

    @Test
    void theGracePeriodBoundsTheWaitAndSaysSo(CapturedOutput output) throws Exception {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        runner("300ms").run(context -> {
            Shop shop = context.getBean(Checkout.class).shop;
            CompletableFuture<Optional<String>> call = CompletableFuture.supplyAsync(() -> shop.describe(1));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            context.close();
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(tookMs).as("close waited for the grace period, not for the call").isBetween(250L, 5000L);
            assertThat(call).isNotDone();
            release.countDown();
            assertThat(call.get(10, TimeUnit.SECONDS)).as("the call still completes on its instance").contains("held []");
        });
        assertThat(output).contains("witbox: closed plugin(s) [catalog] with calls still in flight after the grace period of PT0.3S");
    }
}
