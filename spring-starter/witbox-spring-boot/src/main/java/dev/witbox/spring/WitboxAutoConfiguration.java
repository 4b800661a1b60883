package dev.witbox.spring;

import dev.witbox.api.WitboxException;
import dev.witbox.runtime.WitboxEngine;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * witbox in a Spring Boot application: the {@link WitboxEngine} (compile cache on), every plugin found under
 * {@code witbox.plugins.locations} or named under {@code witbox.plugins.instances} ({@link WitboxPlugins}),
 * {@code @WasmPlugin} injection, host imports from beans, per-call observations and, when enabled, hot reload.
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@EnableConfigurationProperties(WitboxProperties.class)
public class WitboxAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(WitboxAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    WitboxEngine witboxEngine(WitboxProperties properties, ObjectProvider<WitboxEngineCustomizer> customizers) {
        WitboxEngine.Builder builder = WitboxEngine.builder();
        WitboxProperties.CompileCache cache = properties.getCompileCache();
        if (cache.isEnabled()) {
            builder.compileCache(cache.getDirectory(), cache.getMaxSize().toBytes());
        }
        customizers.orderedStream().forEach(c -> c.customize(builder));
        try {
            return builder.build();
        } catch (WitboxException e) {
            if (!cache.isEnabled()) {
                throw e;
            }
            // a cache is an optimisation: an unsafe or unusable directory costs compile time, not the application
            LOG.warn("witbox: the compile cache is off: {}", e.getMessage());
            return builder.compileCache(null).build();
        }
    }

    @Bean
    @ConditionalOnMissingBean
    WitboxPlugins witboxPlugins(WitboxEngine engine, WitboxProperties properties, ApplicationContext context,
            ConfigurableListableBeanFactory beanFactory, ObjectProvider<CallObserver> observer) {
        return new WitboxPlugins(engine, properties, context, new HostImportLinker(beanFactory),
                observer.getIfAvailable(() -> CallObserver.NONE));
    }

    @Bean
    static WasmPluginInjection.Installer witboxInjectionInstaller() {
        return new WasmPluginInjection.Installer();
    }

    @Bean
    static WasmPluginInjection.FieldInjector witboxFieldInjector() {
        return new WasmPluginInjection.FieldInjector();
    }

    @Bean
    @ConditionalOnProperty(name = "witbox.plugins.reload.enabled", havingValue = "true")
    ReloadWatcher witboxReloadWatcher(WitboxPlugins plugins, WitboxProperties properties) {
        return new ReloadWatcher(plugins, properties.getPlugins().getReload().getInterval());
    }

    /** One observation per call through an injected interface, when the application has an ObservationRegistry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ObservationRegistry.class)
    static class ObservationConfiguration {

        @Bean
        @ConditionalOnBean(ObservationRegistry.class)
        CallObserver witboxCallObserver(ObservationRegistry registry) {
            return registry.isNoop() ? CallObserver.NONE : new MicrometerCallObserver(registry);
        }
    }

    /** Gauges of every plugin's pool and memory, when the application has Micrometer. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class MetricsConfiguration {

        @Bean
        WitboxMetrics witboxMetrics(WitboxPlugins plugins) {
            return new WitboxMetrics(plugins);
        }
    }
}
