package dev.witbox.wasi;

import dev.witbox.internal.chicory.PreviewOneGrants;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link WasiPolicy} as the WASI preview 1 adapter asks for it: the same sinks, clocks, random
 * source, path resolution ({@link Fs#resolve}) and limits as the WASI 0.2 host, for one run.
 */
final class PolicyGrants implements PreviewOneGrants {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyGrants.class);

    private final String pluginId;
    private final WasiPolicy policy;
    private final Streams.Sink stdout;
    private final Streams.Sink stderr;
    private final WasiClock clock;
    private final Random random;
    private final List<Fs.Root> roots;
    private final AtomicLong denied = new AtomicLong();

    PolicyGrants(String pluginId, WasiPolicy policy) {
        this.pluginId = pluginId;
        this.policy = policy;
        this.stdout = new Streams.Sink(policy.stdout(), pluginId, false);
        this.stderr = new Streams.Sink(policy.stderr(), pluginId, true);
        this.clock = WasiClock.of(policy.clocks());
        this.random = WasiContext.secureRandom(policy);
        this.roots = WasiContext.roots(pluginId, policy);
    }

    Streams.Sink stdoutSink() {
        return stdout;
    }

    Streams.Sink stderrSink() {
        return stderr;
    }

    long deniedCount() {
        return denied.get();
    }

    @Override
    public List<String> args() {
        return policy.args();
    }

    @Override
    public Map<String, String> env() {
        return policy.env();
    }

    @Override
    public InputStream stdin() {
        return new ByteArrayInputStream(policy.stdinShared());
    }

    @Override
    public void write(int fd, byte[] bytes) {
        (fd == 2 ? stderr : stdout).write(bytes);
    }

    @Override
    public List<Dir> preopens() {
        return roots.stream().map(r -> new Dir(r.guestPath(), r.real())).toList();
    }

    @Override
    public long wallNanos() {
        return clock.wallNanos();
    }

    @Override
    public long monotonicNanos() {
        return clock.monotonicNanos();
    }

    @Override
    public void sleepUntil(long deadline) {
        clock.sleepUntil(deadline);
    }

    @Override
    public void randomBytes(byte[] into) {
        random.nextBytes(into);
    }

    @Override
    public int maxWriteBytes() {
        return policy.limits().maxWriteBytes();
    }

    @Override
    public int maxOpenFiles() {
        // the 0.2 limit counts the preopens too
        return Math.max(0, policy.limits().maxOpenDescriptors() - roots.size());
    }

    @Override
    public int maxRandomBytes() {
        return policy.limits().maxRandomBytes();
    }

    @Override
    public boolean readOnly(int root) {
        return roots.get(root).readOnly();
    }

    @Override
    public List<String> resolve(int root, List<String> dir, String path, boolean followLast, Access access)
            throws Refusal {
        return guarded(() -> resolveOrFail(root, dir, path, followLast, access));
    }

    @Override
    public void symlink(int root, List<String> dir, String target, String linkPath) throws Refusal {
        guarded(() -> {
            List<String> rel = resolveOrFail(root, dir, linkPath, false, Access.CHANGE);
            Fs.checkLinkTarget(directory(root, dir), linkPath, target);
            Path at = Fs.hostPath(roots.get(root), rel);
            if (rel.isEmpty()) {
                throw Fs.FsError.of("exist", "a symbolic link named as the preopen itself");
            }
            if (Fs.namesDirectory(linkPath) && !Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                throw Fs.FsError.of("no-entry", "'" + linkPath + "' names a directory that does not exist");
            }
            return Files.createSymbolicLink(at, Path.of(target));
        });
    }

    @Override
    public void rename(int fromRoot, List<String> fromDir, String from, int toRoot, List<String> toDir, String to)
            throws Refusal {
        guarded(() -> {
            List<String> source = resolveOrFail(fromRoot, fromDir, from, false, Access.CHANGE);
            List<String> target = resolveOrFail(toRoot, toDir, to, false, Access.CHANGE);
            Fs.rename(Fs.hostPath(roots.get(fromRoot), source), source, Fs.hostPath(roots.get(toRoot), target), target,
                    to);
            return null;
        });
    }

    @Override
    public void link(int fromRoot, List<String> fromDir, String from, int toRoot, List<String> toDir, String to)
            throws Refusal {
        guarded(() -> {
            if (fromRoot != toRoot) {
                throw Fs.FsError.denied("not-permitted", "a hard link from one preopen into another");
            }
            Fs.link(roots.get(fromRoot), resolveOrFail(fromRoot, fromDir, from, false, Access.CHANGE), from,
                    resolveOrFail(toRoot, toDir, to, false, Access.CHANGE), to);
            return null;
        });
    }

    @Override
    public void setTimes(int root, List<String> dir, String path, boolean followLast, Long atimeNanos, Long mtimeNanos)
            throws Refusal {
        guarded(() -> {
            Path p = Fs.hostPath(roots.get(root), resolveOrFail(root, dir, path, followLast, Access.CHANGE));
            // resolved: no link on the way, and the last one only when it is not to be followed
            Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(time(mtimeNanos), time(atimeNanos), null);
            return null;
        });
    }

    private static FileTime time(Long nanos) {
        return nanos == null ? null : FileTime.from(Instant.ofEpochSecond(
                Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)));
    }

    @Override
    public String readlink(int root, List<String> dir, String path) throws Refusal {
        return guarded(() -> Files.readSymbolicLink(
                Fs.hostPath(roots.get(root), resolveOrFail(root, dir, path, false, Access.READ))).toString());
    }

    @Override
    public void denied(String what) {
        denied.incrementAndGet();
        LOG.debug("plugin {}: WASI denied {}", pluginId, what);
    }

    void close() {
        stdout.close();
        stderr.close();
    }

    private List<String> resolveOrFail(int root, List<String> dir, String path, boolean followLast, Access access)
            throws Fs.FsError {
        Fs.Root r = roots.get(root);
        if (access == Access.CHANGE && r.readOnly()) {
            throw Fs.FsError.denied("read-only", "changing '" + path + "' in read-only preopen " + r.guestPath());
        }
        // the preopen itself (an empty list) is the caller's to refuse, with the answer its operation has
        return Fs.resolve(directory(root, dir), path, followLast);
    }

    private Fs.Descriptor directory(int root, List<String> dir) {
        Fs.Root r = roots.get(root);
        return new Fs.Descriptor(r, dir, true, true, false, !r.readOnly(), null);
    }

    /** A file system operation of the grants. */
    @FunctionalInterface
    private interface Op<T> {
        T run() throws Fs.FsError, IOException;
    }

    /** Runs {@code op}: every failure becomes a {@link Refusal} with WASI's error code. */
    private <T> T guarded(Op<T> op) throws Refusal {
        try {
            return op.run();
        } catch (Fs.FsError e) {
            throw refusal(e);
        } catch (IOException | RuntimeException e) {
            throw refusal(Fs.error(e));
        }
    }

    private Refusal refusal(Fs.FsError e) {
        if (e.denied) {
            denied(e.getMessage());
        }
        return new Refusal(e.code, e.getMessage());
    }
}
