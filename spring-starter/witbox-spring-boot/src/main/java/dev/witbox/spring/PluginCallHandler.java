package dev.witbox.spring;

import dev.witbox.api.WitFunction;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

/**
 * What an injected plugin interface does on each call: takes the plugin's current {@link Generation} (so a
 * reload is seen by the next call, while this one finishes on the version it started on), calls the pool-bound
 * implementation, and lets the {@link CallObserver} time it. The bound implementation is cached per generation:
 * the steady-state cost is one atomic increment and decrement and a reflective call.
 */
final class PluginCallHandler implements InvocationHandler {

    private final ManagedPlugin plugin;
    private final Class<?> type;
    private final CallObserver observer;
    /** WIT function name of each interface method (the observation's {@code function} tag). */
    private final Map<Method, String> functions = new HashMap<>();
    private volatile Bound bound;

    private record Bound(Generation generation, Object target) {}

    PluginCallHandler(ManagedPlugin plugin, Class<?> type, CallObserver observer) {
        this.plugin = plugin;
        this.type = type;
        this.observer = observer;
        for (Method m : type.getMethods()) {
            WitFunction f = m.getAnnotation(WitFunction.class);
            functions.put(m, f != null ? f.name() : m.getName());
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> type.getSimpleName() + " of plugin '" + plugin.name() + "'";
            };
        }
        Generation g = plugin.enter();
        try {
            Bound b = bound;
            if (b == null || b.generation != g) {
                b = new Bound(g, g.binding(type));
                bound = b;
            }
            Object target = b.target;
            if (observer == CallObserver.NONE) {
                return call(target, method, args);
            }
            return observer.observe(plugin.name(), functions.get(method), () -> call(target, method, args));
        } finally {
            g.exit();
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
