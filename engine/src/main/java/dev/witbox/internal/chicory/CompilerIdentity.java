package dev.witbox.internal.chicory;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What, besides a module's bytes, decides the classes the compiler produces: the witbox version, the
 * Chicory compiler version, and the options witbox compiles with. A compile cache entry is only used by
 * the very same identity, so upgrading either library (or changing the options) starts from a clean
 * slate without anyone clearing the directory.
 */
final class CompilerIdentity {

    /**
     * The options {@link CoreModuleCode#compile} passes to the compiler. Change this text whenever they
     * change, so entries compiled the old way are not reused.
     */
    static final String OPTIONS = "interpreter-fallback=silent\ninterpreted-from-body-bytes="
            + ChicoryCompiler.PREDICTED_TOO_LARGE + "\nentry=stubbed-module-hints-and-classes";

    private CompilerIdentity() {}

    /** This build's identity, e.g. {@code "witbox 0.1.0\nchicory 1.7.5\ninterpreter-fallback=silent"}. */
    static String current() {
        return of(witboxVersion(), chicoryVersion());
    }

    /**
     * The key of one module's compiled classes: the SHA-256 of the module as given (before the call-depth rewrite,
     * so that a hit needs no rewrite; the rewrite is witbox's, so its changes come with the witbox version), the
     * call-depth limit asked for ({@code none} for no limit) and the compiler identity. The compile cache and the
     * build-time classes both use it, given the module's SHA-256 (hex, {@link CacheEntry#sha256Hex}) computed once
     * per load.
     */
    static String moduleKey(String moduleSha256, int callDepthLimit, String identity) {
        return "module sha-256 " + moduleSha256 + "\ncall-depth-limit "
                + (callDepthLimit > 0 ? Integer.toString(callDepthLimit) : "none") + "\n" + identity;
    }

    static String of(String witboxVersion, String chicoryVersion) {
        return "witbox " + witboxVersion + "\nchicory " + chicoryVersion + "\n" + OPTIONS;
    }

    private static String witboxVersion() {
        return property(CompilerIdentity.class, "witbox-version.properties", "version");
    }

    /** From the Maven metadata in Chicory's compiler jar (also kept by shading into a fat jar). */
    private static String chicoryVersion() {
        return property(MachineFactoryCompiler.class,
                "/META-INF/maven/com.dylibso.chicory/compiler/pom.properties", "version");
    }

    private static String property(Class<?> anchor, String resource, String name) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String value = properties.getProperty(name);
                if (value != null && !value.isBlank() && !value.startsWith("${")) {
                    return value.strip();
                }
            }
        } catch (IOException e) {
            // fall through: an unknown version
        }
        // Without a version the identity cannot tell builds apart; that of the class file itself can.
        return "unknown (" + anchor.getName() + " " + classDigest(anchor) + ")";
    }

    private static String classDigest(Class<?> anchor) {
        String file = "/" + anchor.getName().replace('.', '/') + ".class";
        try (InputStream in = anchor.getResourceAsStream(file)) {
            return in == null ? "no class file" : CacheEntry.sha256Hex(in.readAllBytes());
        } catch (IOException e) {
            return "unreadable class file";
        }
    }
}
