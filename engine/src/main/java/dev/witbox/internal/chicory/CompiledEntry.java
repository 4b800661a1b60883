package dev.witbox.internal.chicory;

import com.dylibso.chicory.compiler.internal.ClassLoadingCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;

/**
 * What the compile cache and the build-time classes store for one core module (the payload of a {@link CacheEntry}):
 * a jar holding the module as Chicory is to parse it on a hit ({@link StubbedModule}: bodies of compiled functions
 * removed), where its call-depth counter is, and Chicory's generated classes.
 *
 * <pre>
 * witbox-module.properties   call-depth-limit, call-depth-global (absent when the module was not rewritten),
 *                            validator-hints (see {@link ValidatorHints})
 * witbox-module.wasm         the stubbed module (after the call-depth rewrite)
 * wasm-module.properties     mainClass (as Chicory's own cache entries name it)
 * &lt;class&gt;.class ...          the generated classes
 * </pre>
 *
 * <p>Entries are found by the module as given (before the rewrite), so a hit needs neither the rewrite nor a parse
 * of the full module: only the stubbed module is parsed (without validation: it was validated when compiled), the
 * validator's hints are put back, and the classes are defined.
 */
final class CompiledEntry {

    private static final String MODULE_PROPERTIES = "witbox-module.properties";
    private static final String MODULE = "witbox-module.wasm";
    private static final String CLASSES_PROPERTIES = "wasm-module.properties";
    private static final String CLASS_SUFFIX = ".class";
    /** The zip format's earliest time. */
    private static final LocalDateTime NO_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private final byte[] stubbedModule;
    private final CallDepthLimit depthLimit;
    private final List<ValidatorHints.Hint> hints;
    private final String mainClass;
    private final Map<String, byte[]> classes;

    private CompiledEntry(byte[] stubbedModule, CallDepthLimit depthLimit, List<ValidatorHints.Hint> hints,
            String mainClass, Map<String, byte[]> classes) {
        this.stubbedModule = stubbedModule;
        this.depthLimit = depthLimit;
        this.hints = hints;
        this.mainClass = mainClass;
        this.classes = classes;
    }

    /** The module to parse on a hit: everything but the bodies of compiled functions. */
    byte[] stubbedModule() {
        return stubbedModule;
    }

    /** The call-depth limit the stored module was rewritten for; null when it was not. */
    CallDepthLimit depthLimit() {
        return depthLimit;
    }

    /** What the validator wrote into the stubbed module's instructions, to put back after a parse without it. */
    List<ValidatorHints.Hint> validatorHints() {
        return hints;
    }

    /**
     * Defines the classes in a class loader of their own (Chicory's), the main class last: what references the
     * others is verified after them.
     *
     * @throws RuntimeException or {@link LinkageError} when the JVM refuses a class
     */
    ClassLoadingCollector defineClasses() {
        ClassLoadingCollector collector = new ClassLoadingCollector();
        classes.forEach((name, bytes) -> {
            if (!name.equals(mainClass)) {
                collector.put(name, bytes);
            }
        });
        collector.putMainClass(mainClass, classes.get(mainClass));
        return collector;
    }

    static byte[] encode(byte[] stubbedModule, CallDepthLimit depthLimit, List<ValidatorHints.Hint> hints,
            ClassLoadingCollector classes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            String module = "validator-hints=" + ValidatorHints.encode(hints) + "\n" + (depthLimit == null ? ""
                    : "call-depth-limit=" + depthLimit.limit() + "\ncall-depth-global=" + depthLimit.globalIndex() + "\n");
            put(jar, MODULE_PROPERTIES, module.getBytes(StandardCharsets.ISO_8859_1));
            put(jar, MODULE, stubbedModule);
            put(jar, CLASSES_PROPERTIES, ("mainClass=" + classes.mainClassName() + "\n").getBytes(StandardCharsets.ISO_8859_1));
            for (Map.Entry<String, byte[]> c : classes.classBytes().entrySet()) {
                put(jar, c.getKey().replace('.', '/') + CLASS_SUFFIX, c.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a payload (whose checksum {@link CacheEntry} has verified).
     *
     * @throws IOException when it is not an entry of this layout
     */
    static CompiledEntry decode(byte[] payload) throws IOException {
        Properties module = null;
        byte[] stubbed = null;
        String mainClass = null;
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(payload))) {
            JarEntry entry;
            while ((entry = jar.getNextJarEntry()) != null) {
                String name = entry.getName();
                byte[] content = jar.readAllBytes();
                if (name.equals(MODULE_PROPERTIES)) {
                    module = properties(content);
                } else if (name.equals(MODULE)) {
                    stubbed = content;
                } else if (name.equals(CLASSES_PROPERTIES)) {
                    mainClass = properties(content).getProperty("mainClass");
                } else if (name.endsWith(CLASS_SUFFIX)) {
                    String className = name.substring(0, name.length() - CLASS_SUFFIX.length()).replace('/', '.');
                    classes.put(className, content);
                }
            }
        }
        if (module == null || stubbed == null || mainClass == null || !classes.containsKey(mainClass)
                || module.getProperty("validator-hints") == null) {
            throw new IOException("not a compiled-module entry: its module, main class or properties are missing");
        }
        List<ValidatorHints.Hint> hints;
        try {
            hints = ValidatorHints.decode(module.getProperty("validator-hints"));
        } catch (RuntimeException e) {
            throw new IOException("not a compiled-module entry: validator hints " + e.getMessage(), e);
        }
        return new CompiledEntry(stubbed, depthLimit(module), hints, mainClass, classes);
    }

    private static CallDepthLimit depthLimit(Properties module) throws IOException {
        String limit = module.getProperty("call-depth-limit");
        String global = module.getProperty("call-depth-global");
        if (limit == null && global == null) {
            return null;
        }
        try {
            return CallDepthLimit.of(Integer.parseInt(limit), Integer.parseInt(global));
        } catch (NumberFormatException e) {
            throw new IOException("not a compiled-module entry: call depth " + limit + " at global " + global, e);
        }
    }

    private static void put(JarOutputStream jar, String name, byte[] content) throws IOException {
        JarEntry entry = new JarEntry(name);
        entry.setTimeLocal(NO_TIME); // the same module gives the same bytes (build-time classes are reproducible)
        jar.putNextEntry(entry);
        jar.write(content);
        jar.closeEntry();
    }

    private static Properties properties(byte[] content) throws IOException {
        Properties properties = new Properties();
        properties.load(new ByteArrayInputStream(content));
        return properties;
    }
}
