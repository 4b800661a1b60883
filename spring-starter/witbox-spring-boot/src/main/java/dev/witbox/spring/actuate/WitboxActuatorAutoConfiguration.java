package dev.witbox.spring.actuate;

import dev.witbox.spring.WitboxAutoConfiguration;
import dev.witbox.spring.WitboxPlugins;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code witbox} Actuator endpoint and health indicator, when Actuator is on the classpath. */
@AutoConfiguration(after = WitboxAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean(WitboxPlugins.class)
public class WitboxActuatorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
    @ConditionalOnAvailableEndpoint(WitboxEndpoint.class)
    static class EndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        WitboxEndpoint witboxEndpoint(WitboxPlugins plugins) {
            return new WitboxEndpoint(plugins);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("witbox")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "witboxHealthIndicator")
        WitboxHealthIndicator witboxHealthIndicator(WitboxPlugins plugins) {
            return new WitboxHealthIndicator(plugins);
        }
    }
}
