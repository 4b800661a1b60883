package dev.witbox.internal.chicory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core modules compiled when the application was built (the {@code witbox-maven-plugin} goal
 * {@code precompile}), shipped as class-path resources next to the application's classes, so that loading the
 * plugin compiles nothing.
 *
 * <p>One resource per module, {@value #DIRECTORY}{@code <sha-256 of the key>.chicory}, in the compile cache's
 * own entry format ({@link CacheEntry}: the full key, a {@link CompiledEntry} holding Chicory's generated classes,
 * a checksum) under the same key ({@link CompilerIdentity#moduleKey}: the module as shipped, the call-depth limit,
 * the witbox and Chicory versions and the compile options). A module changed after the build,
 * an engine with another call-depth limit, or another witbox or Chicory version names another resource and
 * finds none; a resource whose key or checksum does not match is ignored (debug log) and the module compiled
 * as without it. Resources are as trusted as the application's own classes, which came in the same jar: the
 * {@link CacheDirectoryTrust} rule for a shared directory does not apply.
 *
 * <p>At build time the same class reads and writes a classes directory instead of a class loader: a module
 * whose resource is already there and intact is not compiled again.
 */
final class BuildTimeClasses {

    private static final Logger LOG = LoggerFactory.getLogger(BuildTimeClasses.class);

    /** Where in the class path the entries live. */
    static final String DIRECTORY = "META-INF/witbox/compiled/";

    /** Null when reading a directory. */
    private final ClassLoader loader;
    /** The build's classes directory; null when reading through a class loader. */
    private final Path classesDirectory;
    private final String identity;
    private final LongAdder ignored = new LongAdder();

    private BuildTimeClasses(ClassLoader loader, Path classesDirectory, String identity) {
        this.loader = loader;
        this.classesDirectory = classesDirectory;
        this.identity = identity;
    }

    /** The entries {@code loader} finds, for this build of witbox and Chicory. */
    static BuildTimeClasses on(ClassLoader loader) {
        return new BuildTimeClasses(loader, null, CompilerIdentity.current());
    }

    static BuildTimeClasses on(ClassLoader loader, String identity) {
        return new BuildTimeClasses(loader, null, identity);
    }

    /** The entries in (and to be written into) a build's classes directory. */
    static BuildTimeClasses in(Path classesDirectory) {
        return new BuildTimeClasses(null, classesDirectory, CompilerIdentity.current());
    }

    String key(String moduleSha256, int callDepthLimit) {
        return CompilerIdentity.moduleKey(moduleSha256, callDepthLimit, identity);
    }

    static String resourceName(String key) {
        return DIRECTORY + CacheEntry.sha256Hex(key.getBytes(StandardCharsets.UTF_8)) + CompileCache.ENTRY_SUFFIX;
    }

    /** The file of {@code key}'s entry in the classes directory (build time only). */
    Path file(String key) {
        return classesDirectory.resolve(resourceName(key));
    }

    /**
     * Chicory's classes for {@code key}, or null when no entry is shipped for it or the one found is not a whole
     * entry for this key (counted in {@link #ignored()}).
     */
    byte[] read(String moduleName, String key) {
        String resource = resourceName(key);
        byte[] entry;
        try {
            entry = classesDirectory != null ? readFile(file(key)) : readResource(resource);
        } catch (IOException e) {
            LOG.debug("build-time classes: cannot read {} for {} ({}); compiling it", resource, moduleName, e.toString());
            ignored.increment();
            return null;
        }
        if (entry == null) {
            return null;
        }
        try {
            byte[] payload = CacheEntry.decode(key, entry);
            LOG.debug("build-time classes: {} loaded from {}", moduleName, resource);
            return payload;
        } catch (CacheEntry.Corrupt e) {
            LOG.debug("build-time classes: ignoring {} for {} ({}); compiling it", resource, moduleName, e.getMessage());
            ignored.increment();
            return null;
        }
    }

    private byte[] readResource(String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static byte[] readFile(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Writes {@code key}'s entry into the classes directory (build time only); returns its file. */
    Path write(String key, byte[] payload) {
        Path file = file(key);
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.write(temp, CacheEntry.encode(key, payload));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the build-time classes " + file, e);
        }
    }

    /** How many entries were found but not for the module asked for (or unreadable), so it was compiled. */
    long ignored() {
        return ignored.sum();
    }

    /** The classes of one entry that Chicory still could not load: counted as ignored. */
    void unloadable(String moduleName, String key, Throwable cause) {
        LOG.warn("build-time classes: {} for {} could not be loaded ({}); compiling it", resourceName(key), moduleName,
                cause.toString());
        ignored.increment();
    }
}
