package dev.witbox.internal.chicory;

import dev.witbox.api.WitboxException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiled core modules kept in a directory across restarts, so a process that loads a module compiled
 * before (by itself or another process) reads the generated classes instead of compiling again.
 *
 * <p>An entry is keyed by the module's SHA-256 and the {@link CompilerIdentity} (witbox version, Chicory
 * version, compile options); one file per key. Any number of processes may share the directory: an entry
 * is written to a temporary file in the same directory and moved into place atomically, so a reader sees
 * either no entry or a whole one, never a partial write; two processes compiling the same module at once
 * both write a whole entry and the last move wins. Each entry carries a checksum: a damaged or truncated
 * one is reported (SLF4J warning), compiled again and replaced. The cache is an optimisation only: an
 * unreadable or unwritable directory costs a compile, never a load.
 */
public final class CompileCache {

    private static final Logger LOG = LoggerFactory.getLogger(CompileCache.class);
    static final String ENTRY_SUFFIX = ".chicory";
    private static final String TEMP_SUFFIX = ".tmp";
    /** A temporary file older than this was left by a process that died while writing it. */
    private static final Duration STALE_TEMP = Duration.ofHours(1);

    private final Path directory;
    private final String compilerIdentity;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong rebuilt = new AtomicLong();
    private final AtomicLong written = new AtomicLong();

    CompileCache(Path directory, String compilerIdentity) {
        this.directory = directory;
        this.compilerIdentity = compilerIdentity;
    }

    /**
     * A cache in {@code directory}, created if missing, for this build of witbox and Chicory.
     *
     * @throws WitboxException when the directory cannot be created
     */
    public static CompileCache open(Path directory) {
        return open(directory, CompilerIdentity.current());
    }

    static CompileCache open(Path directory, String compilerIdentity) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new WitboxException("cannot create the compile cache directory " + directory + ": " + e, e);
        }
        CompileCache cache = new CompileCache(directory, compilerIdentity);
        cache.removeStaleTemporaryFiles();
        return cache;
    }

    public Path directory() {
        return directory;
    }

    /**
     * How often this cache was used since it was opened.
     *
     * @param hits    entries loaded instead of compiling
     * @param misses  modules compiled because no usable entry existed (the rebuilt ones included)
     * @param rebuilt entries found damaged, truncated or unloadable, compiled again and replaced
     * @param written entries written
     */
    public record Stats(long hits, long misses, long rebuilt, long written) {}

    public Stats stats() {
        return new Stats(hits.get(), misses.get(), rebuilt.get(), written.get());
    }

    /** The cache slot of one module: Chicory's compiler reads and fills it through its cache hook. */
    CompileCacheSlot slot(String moduleName, byte[] moduleBytes) {
        String key = "module sha-256 " + CacheEntry.sha256Hex(moduleBytes) + "\n" + compilerIdentity;
        Path file = directory.resolve(CacheEntry.sha256Hex(key.getBytes(StandardCharsets.UTF_8))
                + ENTRY_SUFFIX);
        return new CompileCacheSlot(this, moduleName, key, file);
    }

    /** The payload of the entry in {@code file}, or null (counted as a miss) if there is no usable one. */
    byte[] read(String moduleName, String key, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            misses.incrementAndGet();
            return null;
        } catch (IOException e) {
            LOG.warn("compile cache: cannot read {} for {} ({}); compiling it", file, moduleName, e.toString());
            misses.incrementAndGet();
            return null;
        }
        try {
            byte[] payload = CacheEntry.decode(key, bytes);
            hits.incrementAndGet();
            LOG.debug("compile cache: {} loaded from {}", moduleName, file);
            return payload;
        } catch (CacheEntry.Corrupt e) {
            LOG.warn("compile cache: entry {} for {} is unusable ({}); compiling it again and replacing the entry",
                    file, moduleName, e.getMessage());
            rebuilt.incrementAndGet();
            misses.incrementAndGet();
            return null;
        }
    }

    /**
     * An entry read whole and intact that Chicory still could not load (e.g. written by a build with the
     * same version but different classes): counted as rebuilt, and the caller compiles afresh.
     */
    void unloadable(String moduleName, Path file, Throwable cause) {
        LOG.warn("compile cache: entry {} for {} could not be loaded ({}); compiling it again and replacing the"
                + " entry", file, moduleName, cause.toString());
        hits.decrementAndGet();
        rebuilt.incrementAndGet();
        misses.incrementAndGet();
    }

    /** Writes the entry whole to a temporary file, then moves it over {@code file} in one step. */
    void write(String moduleName, String key, Path file, byte[] payload) {
        Path temp = null;
        try {
            temp = Files.createTempFile(directory, file.getFileName().toString() + ".", TEMP_SUFFIX);
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(CacheEntry.encode(key, payload));
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true); // on disk before it is visible under its name
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            written.incrementAndGet();
            LOG.debug("compile cache: {} stored in {}", moduleName, file);
        } catch (AtomicMoveNotSupportedException e) {
            LOG.warn("compile cache: {} cannot replace files atomically, so {} is not cached", directory, moduleName);
        } catch (IOException | RuntimeException e) {
            LOG.warn("compile cache: cannot write {} for {} ({}); it stays uncached", file, moduleName, e.toString());
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // removed by the next open once stale
                }
            }
        }
    }

    private void removeStaleTemporaryFiles() {
        FileTime before = FileTime.from(Instant.now().minus(STALE_TEMP));
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, "*" + ENTRY_SUFFIX + ".*" + TEMP_SUFFIX)) {
            for (Path temp : temps) {
                if (Files.getLastModifiedTime(temp).compareTo(before) < 0) {
                    Files.deleteIfExists(temp);
                }
            }
        } catch (IOException e) {
            LOG.debug("compile cache: cannot clean temporary files in {}: {}", directory, e.toString());
        }
    }

    @Override
    public String toString() {
        return "CompileCache[" + directory + "]";
    }
}
