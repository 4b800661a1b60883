package dev.witbox.spring;

import dev.witbox.api.WasmPlugin;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.springframework.beans.BeansException;
import org.springframework.beans.PropertyValues;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanDefinitionHolder;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.beans.factory.config.InstantiationAwareBeanPostProcessor;
import org.springframework.beans.factory.support.AutowireCandidateResolver;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.util.ReflectionUtils;

/**
 * {@code @WasmPlugin} injection, the Spring way, in two pieces:
 *
 * <ul>
 *   <li>{@link Resolver} decorates the bean factory's {@link AutowireCandidateResolver}: whenever Spring resolves
 *       a dependency (a constructor or {@code @Bean} method parameter, an {@code @Autowired} field or setter) it
 *       first asks the resolver for a "suggested value" (what {@code @Value} uses); for a dependency annotated
 *       {@code @WasmPlugin} the answer is the plugin. Every injection style Spring has therefore works, with
 *       Spring's own error reporting around it, and no bean of each generated interface has to be registered.
 *   <li>{@link FieldInjector} fills fields annotated {@code @WasmPlugin} alone (without {@code @Autowired}),
 *       which Spring would not otherwise look at.
 * </ul>
 */
final class WasmPluginInjection {

    private WasmPluginInjection() {}

    /** Installs {@link Resolver} around the bean factory's own resolver. */
    static final class Installer implements BeanFactoryPostProcessor, Ordered {
        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            if (beanFactory instanceof DefaultListableBeanFactory dlbf
                    && !(dlbf.getAutowireCandidateResolver() instanceof Resolver)) {
                dlbf.setAutowireCandidateResolver(new Resolver(dlbf.getAutowireCandidateResolver(), dlbf));
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    static String describe(DependencyDescriptor d) {
        if (d.getField() != null) {
            return "Field " + d.getField().getDeclaringClass().getName() + "." + d.getField().getName();
        }
        var p = d.getMethodParameter();
        String owner = p.getDeclaringClass().getName();
        String member = p.getExecutable() instanceof java.lang.reflect.Constructor<?> ? "constructor" : p.getExecutable().getName() + "()";
        return "Parameter " + p.getParameterIndex() + " of " + owner + " " + member;
    }

    /** Answers dependencies annotated {@code @WasmPlugin}; delegates everything else. */
    static final class Resolver implements AutowireCandidateResolver {
        private final AutowireCandidateResolver delegate;
        private final BeanFactory beans;

        Resolver(AutowireCandidateResolver delegate, BeanFactory beans) {
            this.delegate = delegate;
            this.beans = beans;
        }

        @Override
        public Object getSuggestedValue(DependencyDescriptor descriptor) {
            WasmPlugin wasm = descriptor.getAnnotation(WasmPlugin.class);
            if (wasm == null) {
                return delegate.getSuggestedValue(descriptor);
            }
            return beans.getBean(WitboxPlugins.class).inject(wasm.value(), descriptor.getDependencyType(), describe(descriptor));
        }

        @Override
        public boolean isAutowireCandidate(BeanDefinitionHolder bdHolder, DependencyDescriptor descriptor) {
            return delegate.isAutowireCandidate(bdHolder, descriptor);
        }

        @Override
        public boolean isRequired(DependencyDescriptor descriptor) {
            return delegate.isRequired(descriptor);
        }

        @Override
        public boolean hasQualifier(DependencyDescriptor descriptor) {
            return delegate.hasQualifier(descriptor);
        }

        @Override
        public String getSuggestedName(DependencyDescriptor descriptor) {
            return delegate.getSuggestedName(descriptor);
        }

        @Override
        public Object getLazyResolutionProxyIfNecessary(DependencyDescriptor descriptor, String beanName) {
            return delegate.getLazyResolutionProxyIfNecessary(descriptor, beanName);
        }

        @Override
        public Class<?> getLazyResolutionProxyClass(DependencyDescriptor descriptor, String beanName) {
            return delegate.getLazyResolutionProxyClass(descriptor, beanName);
        }

        @Override
        public AutowireCandidateResolver cloneIfNecessary() {
            return new Resolver(delegate.cloneIfNecessary(), beans);
        }
    }

    /** Sets fields annotated {@code @WasmPlugin} without {@code @Autowired} (those the {@link Resolver} serves). */
    static final class FieldInjector implements InstantiationAwareBeanPostProcessor, BeanFactoryAware {
        private BeanFactory beans;

        @Override
        public void setBeanFactory(BeanFactory beanFactory) {
            this.beans = beanFactory;
        }

        @Override
        public PropertyValues postProcessProperties(PropertyValues pvs, Object bean, String beanName) throws BeansException {
            ReflectionUtils.doWithFields(bean.getClass(), field -> inject(bean, beanName, field),
                    field -> field.isAnnotationPresent(WasmPlugin.class) && !autowired(field));
            return pvs;
        }

        private void inject(Object bean, String beanName, Field field) {
            if (Modifier.isStatic(field.getModifiers())) {
                throw new BeanCreationException(beanName, "@WasmPlugin is not supported on static field " + field);
            }
            String where = "Field " + field.getDeclaringClass().getName() + "." + field.getName();
            Object value = beans.getBean(WitboxPlugins.class)
                    .inject(field.getAnnotation(WasmPlugin.class).value(), field.getType(), where);
            ReflectionUtils.makeAccessible(field);
            ReflectionUtils.setField(field, bean, value);
        }

        private static boolean autowired(Field field) {
            for (var a : field.getAnnotations()) {
                String n = a.annotationType().getName();
                if (n.equals("org.springframework.beans.factory.annotation.Autowired") || n.endsWith(".inject.Inject")) {
                    return true;
                }
            }
            return false;
        }
    }
}
