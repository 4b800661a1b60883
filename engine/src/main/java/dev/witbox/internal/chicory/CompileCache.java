package dev.witbox.internal.chicory;

import dev.witbox.api.WitboxException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 *
 * <p>Entries are code loaded into this JVM, so a directory that another user could write is refused when the
 * cache is opened, and an entry that another user could have written is compiled again rather than loaded
 * ({@link CacheDirectoryTrust}).
 *
 * <p>The entries' total size is kept under a limit: after each write, the least recently used entries
 * (by modification time, which a hit renews) are deleted until the rest fit. This also clears out, in
 * time, the entries of older witbox or Chicory versions, which no key ever names again. A process reading
 * an entry another one deletes just compiles the module.
 */
public final class CompileCache {

    private static final Logger LOG = LoggerFactory.getLogger(CompileCache.class);
    static final String ENTRY_SUFFIX = ".chicory";
    private static final String TEMP_SUFFIX = ".tmp";
    /** A temporary file older than this was left by a process that died while writing it. */
    private static final Duration STALE_TEMP = Duration.ofHours(1);

    /** The limit when none is given: a few large plugins' compiled code, or very many small ones. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;

    private final Path directory;
    private final CacheDirectoryTrust trust;
    private final String compilerIdentity;
    private final long maxBytes;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong rebuilt = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();

    CompileCache(Path directory, String compilerIdentity, long maxBytes) {
        this.directory = directory;
        this.trust = CacheDirectoryTrust.forCurrentUser(directory);
        this.compilerIdentity = compilerIdentity;
        this.maxBytes = maxBytes;
    }

    /**
     * A cache in {@code directory}, created if missing (readable and writable by its owner only), for this
     * build of witbox and Chicory, whose entries take at most {@code maxBytes} together.
     *
     * @throws WitboxException when the directory cannot be created, or when a user other than this JVM's (and
     *                         root) could change it or one of its ancestors ({@link CacheDirectoryTrust}):
     *                         its entries are code this process loads
     */
    public static CompileCache open(Path directory, long maxBytes) {
        return open(directory, CompilerIdentity.current(), maxBytes);
    }

    static CompileCache open(Path directory, String compilerIdentity) {
        return open(directory, compilerIdentity, DEFAULT_MAX_BYTES);
    }

    static CompileCache open(Path directory, String compilerIdentity, long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the compile cache limit must be positive: " + maxBytes);
        }
        try {
            CacheDirectoryTrust.createPrivate(directory);
        } catch (IOException e) {
            throw new WitboxException("cannot create the compile cache directory " + directory + ": " + e, e);
        }
        CompileCache cache = new CompileCache(directory, compilerIdentity, maxBytes);
        cache.trust.requireTrusted(directory);
        cache.removeStaleTemporaryFiles();
        return cache;
    }

    public Path directory() {
        return directory;
    }

    /** The most the entries may take together, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * How often this cache was used since it was opened.
     *
     * @param hits    entries loaded instead of compiling
     * @param misses  modules compiled because no usable entry existed (the rebuilt ones included)
     * @param rebuilt entries found damaged, truncated or unloadable, compiled again and replaced
     * @param written entries written
     * @param evicted entries this process deleted to stay under the size limit
     */
    public record Stats(long hits, long misses, long rebuilt, long written, long evicted) {}

    public Stats stats() {
        return new Stats(hits.get(), misses.get(), rebuilt.get(), written.get(), evicted.get());
    }

    /**
     * The cache slot of the module whose SHA-256 (hex) is {@code moduleSha256}: {@link CompiledCodeSources} reads it
     * before compiling and fills it after.
     */
    CompileCacheSlot slot(String moduleName, String moduleSha256, int callDepthLimit) {
        String key = CompilerIdentity.moduleKey(moduleSha256, callDepthLimit, compilerIdentity);
        Path file = directory.resolve(CacheEntry.sha256Hex(key.getBytes(StandardCharsets.UTF_8))
                + ENTRY_SUFFIX);
        return new CompileCacheSlot(this, moduleName, key, file);
    }

    /** The payload of the entry in {@code file}, or null (counted as a miss) if there is no usable one. */
    byte[] read(String moduleName, String key, Path file) {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            var untrusted = trust.untrustedEntry(file);
            if (untrusted.isPresent()) {
                LOG.warn("compile cache: not loading {} for {}: {}; compiling it and replacing the entry",
                        file, moduleName, untrusted.get());
                rebuilt.incrementAndGet();
                misses.incrementAndGet();
                return null;
            }
        }
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
            touch(file);
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
            evictBeyondLimit(file);
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

    /** Marks an entry as just used, so that eviction keeps it longer. */
    private void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // read-only or gone: it is evicted a little earlier, nothing worse
        }
    }

    /** Deletes the least recently used entries until the rest fit the limit; {@code keep} is never deleted. */
    private void evictBeyondLimit(Path keep) {
        record Entry(Path file, long size, FileTime used) {}
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + ENTRY_SUFFIX)) {
            for (Path f : files) {
                try {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    entries.add(new Entry(f, a.size(), a.lastModifiedTime()));
                    total += a.size();
                } catch (NoSuchFileException e) {
                    // evicted by another process meanwhile
                }
            }
        } catch (IOException e) {
            LOG.debug("compile cache: cannot list {} to keep it under its limit: {}", directory, e.toString());
            return;
        }
        if (total <= maxBytes) {
            return;
        }
        entries.sort(Comparator.comparing(Entry::used));
        for (Entry e : entries) {
            if (total <= maxBytes) {
                break;
            }
            if (e.file().equals(keep)) {
                continue;
            }
            try {
                if (Files.deleteIfExists(e.file())) {
                    evicted.incrementAndGet();
                    LOG.debug("compile cache: evicted {} ({} bytes) to stay under {} bytes", e.file(), e.size(), maxBytes);
                }
                total -= e.size();
            } catch (IOException ex) {
                LOG.debug("compile cache: cannot evict {}: {}", e.file(), ex.toString());
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
