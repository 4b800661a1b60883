package dev.witbox.spring;

import dev.witbox.api.WitInterface;
import dev.witbox.runtime.HostImports;
import dev.witbox.runtime.ImportedFunction;
import dev.witbox.runtime.Plugin;
import dev.witbox.wasi.Wasi;
import dev.witbox.wasi.WasiPolicy;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Links what plugins import to the application's beans: a bean implementing a generated import interface
 * (annotated {@link WitInterface}, with generated glue that has {@code static implement(HostImports.Builder, T)})
 * provides that WIT interface to every plugin importing it; {@code wasi:*} imports get a WASI context of the
 * plugin's capabilities.
 */
final class HostImportLinker {

    /** A bean providing one WIT interface. */
    record Candidate(String beanName, Class<?> javaInterface) {}

    private final ConfigurableListableBeanFactory beans;
    /** WIT interface name to the beans implementing its generated interface; built on first use. */
    private Map<String, List<Candidate>> index;

    HostImportLinker(ConfigurableListableBeanFactory beans) {
        this.beans = beans;
    }

    /** The imports supplier of one plugin: fails startup when an import has no bean, or two. */
    Supplier<HostImports> importsFor(Plugin plugin, PluginConfig config) {
        Map<String, List<ImportedFunction>> byInterface = new TreeMap<>();
        boolean wasi = false;
        for (ImportedFunction f : plugin.imports()) {
            String iface = f.interfaceName();
            if (iface == null) {
                continue; // a world-level function: no generated interface can provide it; the link error names it
            }
            if (iface.startsWith("wasi:")) {
                wasi = true;
            } else {
                byInterface.computeIfAbsent(iface, k -> new ArrayList<>()).add(f);
            }
        }
        List<Link> links = new ArrayList<>();
        for (Map.Entry<String, List<ImportedFunction>> e : byInterface.entrySet()) {
            links.add(link(config, e.getKey(), e.getValue()));
        }
        boolean needsWasi = wasi;
        WasiPolicy policy = config.wasi();
        if (!needsWasi && links.isEmpty()) {
            return HostImports::none;
        }
        return () -> {
            HostImports.Builder b = HostImports.builder();
            if (needsWasi) {
                Wasi.context(plugin, policy).addTo(b);
            }
            for (Link l : links) {
                implement(b, l.type, l.bean);
            }
            return b.build();
        };
    }

    private record Link(Class<?> type, Object bean) {}

    private Link link(PluginConfig config, String witInterface, List<ImportedFunction> functions) {
        String plugin = config.name();
        List<Candidate> candidates = index().getOrDefault(witInterface, List.of());
        String chosen = config.imports().get(witInterface);
        Candidate pick = null;
        if (chosen != null) {
            pick = candidates.stream().filter(c -> c.beanName.equals(chosen)).findFirst().orElseThrow(() ->
                    new WitboxStartupException("Plugin '" + plugin + "' imports " + witInterface + " from bean '" + chosen
                            + "' (witbox.plugins.instances." + plugin + ".imports), which is not a bean implementing it"
                            + (candidates.isEmpty() ? "." : "; these are: " + names(candidates) + "."),
                            "Name one of the beans implementing " + witInterface + "."));
        } else if (candidates.size() == 1) {
            pick = candidates.get(0);
        } else if (candidates.size() > 1) {
            List<Candidate> primary = candidates.stream()
                    .filter(c -> beans.containsBeanDefinition(c.beanName) && beans.getBeanDefinition(c.beanName).isPrimary())
                    .toList();
            if (primary.size() != 1) {
                throw new WitboxStartupException("Plugin '" + plugin + "' imports WIT interface " + witInterface
                        + ", and " + candidates.size() + " beans implement it: " + names(candidates) + ".",
                        "Mark one @Primary, or choose one: witbox.plugins.instances." + plugin + ".imports.["
                                + witInterface + "]=" + candidates.get(0).beanName + ".");
            }
            pick = primary.get(0);
        }
        if (pick == null) {
            throw new WitboxStartupException("Plugin '" + plugin + "' imports WIT interface " + witInterface + " ("
                    + functions.stream().map(ImportedFunction::functionName).collect(Collectors.joining(", "))
                    + "), and no bean implements it.",
                    "Declare a bean implementing the Java interface generated from " + witInterface
                            + " (the one annotated @WitInterface(\"" + witInterface + "\")).");
        }
        return new Link(pick.javaInterface, beans.getBean(pick.beanName));
    }

    private static String names(List<Candidate> candidates) {
        return candidates.stream().map(c -> "'" + c.beanName + "' (" + c.javaInterface.getName() + ")")
                .collect(Collectors.joining(" and "));
    }

    private synchronized Map<String, List<Candidate>> index() {
        if (index == null) {
            Map<String, List<Candidate>> out = new LinkedHashMap<>();
            for (String name : beans.getBeanNamesForType(Object.class, true, false)) {
                Class<?> type = beans.getType(name, false);
                if (type == null) {
                    continue;
                }
                for (Class<?> iface : ClassUtils.getAllInterfacesForClassAsSet(type)) {
                    WitInterface wit = iface.getAnnotation(WitInterface.class);
                    if (wit != null && isImportInterface(iface)) {
                        out.computeIfAbsent(wit.value(), k -> new ArrayList<>()).add(new Candidate(name, iface));
                    }
                }
            }
            index = out;
        }
        return index;
    }

    /** A generated import interface has glue {@code <pkg>.internal.<Name>Glue} with a static {@code implement}. */
    static boolean isImportInterface(Class<?> iface) {
        String glue = iface.getPackageName() + ".internal." + iface.getSimpleName() + "Glue";
        try {
            Class<?> g = ClassUtils.forName(glue, iface.getClassLoader());
            Method m = g.getMethod("implement", HostImports.Builder.class, iface);
            return Modifier.isStatic(m.getModifiers());
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void implement(HostImports.Builder b, Class<T> type, Object bean) {
        b.implement(type, (T) bean);
    }
}
