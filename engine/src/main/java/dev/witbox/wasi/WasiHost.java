package dev.witbox.wasi;

import dev.witbox.api.value.WitValue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The implementations of the WASI 0.2 functions, keyed {@code wasi:pkg/iface#function}, bound to one context. */
final class WasiHost {

    /** One WASI function. */
    @FunctionalInterface
    interface Impl {
        WitValue call(WitValue[] args);
    }

    @FunctionalInterface
    private interface FsBody {
        WitValue run() throws Fs.FsError, IOException;
    }

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final LinkOption[] FOLLOW = {};
    private static final int MAX_READ = 1 << 20;

    private final WasiContext ctx;
    private final Map<String, Impl> impls = new HashMap<>();

    private WasiHost(WasiContext ctx) {
        this.ctx = ctx;
    }

    static Map<String, Impl> implementations(WasiContext ctx) {
        WasiHost h = new WasiHost(ctx);
        h.cli();
        h.io();
        h.clocks();
        h.random();
        h.filesystem();
        return h.impls;
    }

    private void def(String iface, String fn, Impl impl) {
        impls.put(iface + "#" + fn, impl);
    }

    // ------------------------------------------------------------------ values

    private static WitValue ok(WitValue v) {
        return new WitValue.Result(true, v);
    }

    private static WitValue err(WitValue v) {
        return new WitValue.Result(false, v);
    }

    private static WitValue u64(long v) {
        return new WitValue.U64(v);
    }

    private static long u64(WitValue v) {
        return ((WitValue.U64) v).value();
    }

    private static String str(WitValue v) {
        return ((WitValue.Str) v).value();
    }

    private static byte[] bytes(WitValue v) {
        if (v instanceof WitValue.Bytes b) {
            return b.value();
        }
        List<WitValue> els = ((WitValue.ListOf) v).elements();
        byte[] out = new byte[els.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((WitValue.U8) els.get(i)).value();
        }
        return out;
    }

    private static Set<String> flags(WitValue v) {
        return new HashSet<>(((WitValue.Flags) v).set());
    }

    /** A count the guest gave as u64, clamped to a host-side maximum. */
    private static int clamp(long len, int max) {
        return len < 0 || len > max ? max : (int) len;
    }

    private static WitValue datetime(long nanos) {
        return new WitValue.Record(List.of(
                new WitValue.Field("seconds", u64(Math.floorDiv(nanos, 1_000_000_000L))),
                new WitValue.Field("nanoseconds", new WitValue.U32(Math.floorMod(nanos, 1_000_000_000L)))));
    }

    // ------------------------------------------------------------------ wasi:cli

    private void cli() {
        String env = "wasi:cli/environment";
        def(env, "get-environment", a -> {
            List<WitValue> out = new ArrayList<>();
            ctx.policy().env().forEach((k, v) -> out.add(new WitValue.Tuple(List.of(new WitValue.Str(k), new WitValue.Str(v)))));
            return new WitValue.ListOf(out);
        });
        def(env, "get-arguments", a -> new WitValue.ListOf(ctx.policy().args().stream()
                .map(s -> (WitValue) new WitValue.Str(s)).toList()));
        def(env, "initial-cwd", a -> WitValue.Option.NONE);
        def("wasi:cli/exit", "exit", a -> {
            ctx.exit(((WitValue.Result) a[0]).isOk() ? 0 : 1);
            return null;
        });
        def("wasi:cli/exit", "exit-with-code", a -> {
            ctx.exit(((WitValue.U8) a[0]).value());
            return null;
        });
        def("wasi:cli/stdin", "get-stdin", a -> ctx.own("input-stream", ctx.stdinStream()));
        def("wasi:cli/stdout", "get-stdout", a -> ctx.own("output-stream", new Streams.SinkOut(ctx.stdoutSink())));
        def("wasi:cli/stderr", "get-stderr", a -> ctx.own("output-stream", new Streams.SinkOut(ctx.stderrSink())));
        def("wasi:cli/terminal-stdin", "get-terminal-stdin", a -> WitValue.Option.NONE);
        def("wasi:cli/terminal-stdout", "get-terminal-stdout", a -> WitValue.Option.NONE);
        def("wasi:cli/terminal-stderr", "get-terminal-stderr", a -> WitValue.Option.NONE);
    }

    // ------------------------------------------------------------------ wasi:io

    private void io() {
        def("wasi:io/error", "[method]error.to-debug-string", a -> new WitValue.Str(ctx.get(a[0], Streams.Error.class).message()));

        String poll = "wasi:io/poll";
        def(poll, "[method]pollable.ready", a -> new WitValue.Bool(ready(ctx.get(a[0], Streams.Pollable.class))));
        def(poll, "[method]pollable.block", a -> {
            Streams.Pollable p = ctx.get(a[0], Streams.Pollable.class);
            if (!ready(p)) {
                ctx.clock().sleepUntil(p.deadline());
            }
            return null;
        });
        def(poll, "poll", a -> {
            List<WitValue> in = ((WitValue.ListOf) a[0]).elements();
            List<Streams.Pollable> ps = new ArrayList<>(in.size());
            for (WitValue v : in) {
                ps.add(ctx.get(v, Streams.Pollable.class));
            }
            while (!ps.isEmpty()) {
                List<WitValue> ready = new ArrayList<>();
                long earliest = Long.MAX_VALUE;
                for (int i = 0; i < ps.size(); i++) {
                    if (ready(ps.get(i))) {
                        ready.add(new WitValue.U32(i));
                    } else {
                        earliest = Math.min(earliest, ps.get(i).deadline());
                    }
                }
                if (!ready.isEmpty()) {
                    return new WitValue.ListOf(ready);
                }
                ctx.clock().sleepUntil(earliest);
            }
            return new WitValue.ListOf(List.of());
        });

        String s = "wasi:io/streams";
        def(s, "[method]input-stream.read", a -> read(a, false));
        def(s, "[method]input-stream.blocking-read", a -> read(a, true));
        def(s, "[method]input-stream.skip", a -> skip(a));
        def(s, "[method]input-stream.blocking-skip", a -> skip(a));
        def(s, "[method]input-stream.subscribe", a -> ctx.own("pollable", new Streams.Pollable(-1)));
        def(s, "[method]output-stream.check-write", a -> {
            ctx.get(a[0], Streams.Out.class);
            return ok(u64(ctx.limits().maxWriteBytes()));
        });
        def(s, "[method]output-stream.write", a -> write(a[0], bytes(a[1]), false));
        def(s, "[method]output-stream.blocking-write-and-flush", a -> write(a[0], bytes(a[1]), true));
        def(s, "[method]output-stream.flush", a -> flush(a[0]));
        def(s, "[method]output-stream.blocking-flush", a -> flush(a[0]));
        def(s, "[method]output-stream.subscribe", a -> ctx.own("pollable", new Streams.Pollable(-1)));
        def(s, "[method]output-stream.write-zeroes", a -> zeroes(a, false));
        def(s, "[method]output-stream.blocking-write-zeroes-and-flush", a -> zeroes(a, true));
        def(s, "[method]output-stream.splice", a -> splice(a));
        def(s, "[method]output-stream.blocking-splice", a -> splice(a));
    }

    private boolean ready(Streams.Pollable p) {
        return p.deadline() < 0 || ctx.clock().monotonicNanos() >= p.deadline();
    }

    private WitValue streamFailed(String message, String code) {
        return err(new WitValue.Variant("last-operation-failed", ctx.own("error", new Streams.Error(message, code))));
    }

    private static WitValue closed() {
        return err(new WitValue.Variant("closed", null));
    }

    private WitValue read(WitValue[] a, boolean blocking) {
        Streams.In in = ctx.get(a[0], Streams.In.class);
        try {
            byte[] b = in.read(clamp(u64(a[1]), MAX_READ));
            return b == null ? closed() : ok(new WitValue.Bytes(b));
        } catch (IOException e) {
            return streamFailed(String.valueOf(e.getMessage()), Fs.error(e).code);
        }
    }

    private WitValue skip(WitValue[] a) {
        Streams.In in = ctx.get(a[0], Streams.In.class);
        try {
            byte[] b = in.read(clamp(u64(a[1]), MAX_READ));
            return b == null ? closed() : ok(u64(b.length));
        } catch (IOException e) {
            return streamFailed(String.valueOf(e.getMessage()), Fs.error(e).code);
        }
    }

    private WitValue write(WitValue self, byte[] b, boolean flush) {
        Streams.Out out = ctx.get(self, Streams.Out.class);
        if (b.length > ctx.limits().maxWriteBytes()) {
            ctx.deny("a write of " + b.length + " bytes (the limit is " + ctx.limits().maxWriteBytes() + ")");
            return streamFailed("write of " + b.length + " bytes exceeds the limit of "
                    + ctx.limits().maxWriteBytes(), "message-size");
        }
        try {
            out.write(b);
            if (flush) {
                out.flush();
            }
            return ok(null);
        } catch (IOException e) {
            return streamFailed(String.valueOf(e.getMessage()), Fs.error(e).code);
        }
    }

    private WitValue flush(WitValue self) {
        try {
            ctx.get(self, Streams.Out.class).flush();
            return ok(null);
        } catch (IOException e) {
            return streamFailed(String.valueOf(e.getMessage()), Fs.error(e).code);
        }
    }

    private WitValue zeroes(WitValue[] a, boolean flush) {
        long n = u64(a[1]);
        if (n < 0 || n > ctx.limits().maxWriteBytes()) {
            ctx.deny("writing " + Long.toUnsignedString(n) + " zeroes");
            return streamFailed("write of " + Long.toUnsignedString(n) + " bytes exceeds the limit", "message-size");
        }
        return write(a[0], new byte[(int) n], flush);
    }

    private WitValue splice(WitValue[] a) {
        Streams.Out out = ctx.get(a[0], Streams.Out.class);
        Streams.In in = ctx.get(a[1], Streams.In.class);
        try {
            byte[] b = in.read(clamp(u64(a[2]), ctx.limits().maxWriteBytes()));
            if (b == null) {
                return closed();
            }
            out.write(b);
            return ok(u64(b.length));
        } catch (IOException e) {
            return streamFailed(String.valueOf(e.getMessage()), Fs.error(e).code);
        }
    }

    // ------------------------------------------------------------------ wasi:clocks, wasi:random

    private void clocks() {
        String mono = "wasi:clocks/monotonic-clock";
        def(mono, "now", a -> u64(ctx.clock().monotonicNanos()));
        def(mono, "resolution", a -> u64(1));
        def(mono, "subscribe-instant", a -> ctx.own("pollable", new Streams.Pollable(Math.max(0, u64(a[0])))));
        def(mono, "subscribe-duration", a -> {
            long d = u64(a[0]);
            long now = ctx.clock().monotonicNanos();
            long at = d < 0 || now + d < now ? Long.MAX_VALUE : now + d;
            return ctx.own("pollable", new Streams.Pollable(at));
        });
        String wall = "wasi:clocks/wall-clock";
        def(wall, "now", a -> datetime(ctx.clock().wallNanos()));
        def(wall, "resolution", a -> datetime(1));
    }

    private void random() {
        def("wasi:random/random", "get-random-bytes", a -> randomBytes(ctx.secureRandom(), u64(a[0])));
        def("wasi:random/random", "get-random-u64", a -> u64(ctx.secureRandom().nextLong()));
        def("wasi:random/insecure", "get-insecure-random-bytes", a -> randomBytes(ctx.insecureRandom(), u64(a[0])));
        def("wasi:random/insecure", "get-insecure-random-u64", a -> u64(ctx.insecureRandom().nextLong()));
        def("wasi:random/insecure-seed", "insecure-seed", a -> new WitValue.Tuple(List.of(
                u64(ctx.insecureRandom().nextLong()), u64(ctx.insecureRandom().nextLong()))));
    }

    private WitValue randomBytes(java.util.Random r, long len) {
        if (len < 0 || len > ctx.limits().maxRandomBytes()) {
            ctx.deny(Long.toUnsignedString(len) + " random bytes in one call");
            // the function has no error case: the guest asked for more than it may have
            throw new IllegalStateException(Long.toUnsignedString(len) + " random bytes asked for, more than the limit of "
                    + ctx.limits().maxRandomBytes());
        }
        byte[] b = new byte[(int) len];
        synchronized (r) {
            r.nextBytes(b);
        }
        return new WitValue.Bytes(b);
    }

    // ------------------------------------------------------------------ wasi:filesystem

    private void filesystem() {
        def("wasi:filesystem/preopens", "get-directories", a -> {
            List<WitValue> out = new ArrayList<>();
            for (Fs.Root root : ctx.roots()) {
                Fs.Descriptor d = new Fs.Descriptor(root, List.of(), true, true, !root.readOnly(), !root.readOnly(), null);
                out.add(new WitValue.Tuple(List.of(ctx.own("descriptor", d), new WitValue.Str(root.guestPath()))));
            }
            return new WitValue.ListOf(out);
        });
        String t = "wasi:filesystem/types";
        String m = "[method]descriptor.";
        def(t, m + "read-via-stream", a -> fs(() -> {
            Fs.Descriptor d = file(a[0], true, false);
            return ok(ctx.own("input-stream", new Streams.FileIn(d.channel, u64(a[1]))));
        }));
        def(t, m + "write-via-stream", a -> fs(() -> {
            Fs.Descriptor d = file(a[0], false, true);
            return ok(ctx.own("output-stream", new Streams.FileOut(d.channel, u64(a[1]), false)));
        }));
        def(t, m + "append-via-stream", a -> fs(() -> {
            Fs.Descriptor d = file(a[0], false, true);
            return ok(ctx.own("output-stream", new Streams.FileOut(d.channel, 0, true)));
        }));
        def(t, m + "advise", a -> fs(() -> {
            desc(a[0]);
            return ok(null);
        }));
        def(t, m + "sync-data", a -> fs(() -> sync(a[0], false)));
        def(t, m + "sync", a -> fs(() -> sync(a[0], true)));
        def(t, m + "get-flags", a -> fs(() -> {
            Fs.Descriptor d = desc(a[0]);
            List<String> f = new ArrayList<>();
            if (d.read) {
                f.add("read");
            }
            if (d.write) {
                f.add("write");
            }
            if (d.mutate) {
                f.add("mutate-directory");
            }
            return ok(new WitValue.Flags(f));
        }));
        def(t, m + "get-type", a -> fs(() -> ok(new WitValue.Enum(desc(a[0]).directory ? "directory" : "regular-file"))));
        def(t, m + "set-size", a -> fs(() -> {
            Fs.Descriptor d = file(a[0], false, true);
            long size = u64(a[1]);
            if (size < 0) {
                return err(new WitValue.Enum("file-too-large"));
            }
            if (size < d.channel.size()) {
                d.channel.truncate(size);
            } else if (size > d.channel.size()) {
                d.channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
            }
            return ok(null);
        }));
        def(t, m + "set-times", a -> fs(() -> {
            Fs.Descriptor d = desc(a[0]);
            if (d.root.readOnly()) {
                throw Fs.FsError.denied("read-only", "set-times in a read-only preopen");
            }
            setTimes(d.hostPath(), a[1], a[2], FOLLOW);
            return ok(null);
        }));
        def(t, m + "read", a -> fs(() -> {
            Fs.Descriptor d = file(a[0], true, false);
            int len = clamp(u64(a[1]), MAX_READ);
            long off = u64(a[2]);
            if (off < 0) {
                return ok(new WitValue.Tuple(List.of(new WitValue.Bytes(new byte[0]), new WitValue.Bool(true))));
            }
            ByteBuffer buf = ByteBuffer.allocate(len);
            int n = 0;
            while (buf.hasRemaining()) {
                int r = d.channel.read(buf, off + n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            boolean end = off + n >= d.channel.size();
            return ok(new WitValue.Tuple(List.of(new WitValue.Bytes(java.util.Arrays.copyOf(buf.array(), n)),
                    new WitValue.Bool(end))));
        }));
        def(t, m + "write", a -> fs(() -> {
            Fs.Descriptor d = file(a[0], false, true);
            byte[] b = bytes(a[1]);
            long off = u64(a[2]);
            if (off < 0) {
                return err(new WitValue.Enum("file-too-large"));
            }
            ByteBuffer buf = ByteBuffer.wrap(b);
            long at = off;
            while (buf.hasRemaining()) {
                at += d.channel.write(buf, at);
            }
            return ok(u64(b.length));
        }));
        def(t, m + "read-directory", a -> fs(() -> {
            Fs.Descriptor d = desc(a[0]);
            if (!d.directory) {
                return err(new WitValue.Enum("not-directory"));
            }
            List<String[]> entries = new ArrayList<>();
            int max = ctx.limits().maxDirEntries();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(d.hostPath())) {
                for (Path p : ds) {
                    if (entries.size() >= max) {
                        ctx.deny("more than " + max + " directory entries in one read");
                        break;
                    }
                    entries.add(new String[] {p.getFileName().toString(), Fs.typeOf(p, NOFOLLOW)});
                }
            }
            entries.sort(Comparator.comparing(e -> e[0]));
            return ok(ctx.own("directory-entry-stream", new Fs.DirStream(entries)));
        }));
        def(t, "[method]directory-entry-stream.read-directory-entry", a -> {
            Fs.DirStream ds = ctx.get(a[0], Fs.DirStream.class);
            if (ds.next >= ds.entries.size()) {
                return ok(WitValue.Option.NONE);
            }
            String[] e = ds.entries.get(ds.next++);
            return ok(new WitValue.Option(new WitValue.Record(List.of(
                    new WitValue.Field("type", new WitValue.Enum(e[1])),
                    new WitValue.Field("name", new WitValue.Str(e[0]))))));
        });
        def(t, m + "create-directory-at", a -> fs(() -> {
            Path p = mutating(a[0], str(a[1]), false, "create-directory-at", "exist");
            Files.createDirectory(p);
            return ok(null);
        }));
        def(t, m + "stat", a -> fs(() -> ok(stat(desc(a[0]).hostPath(), FOLLOW))));
        def(t, m + "stat-at", a -> fs(() -> {
            boolean follow = flags(a[1]).contains("symlink-follow");
            Fs.Descriptor d = desc(a[0]);
            Path p = Fs.hostPath(d.root, Fs.resolve(d, str(a[2]), follow));
            return ok(stat(p, NOFOLLOW));
        }));
        def(t, m + "set-times-at", a -> fs(() -> {
            boolean follow = flags(a[1]).contains("symlink-follow");
            Path p = mutating(a[0], str(a[2]), follow, "set-times-at", null);
            setTimes(p, a[3], a[4], NOFOLLOW);
            return ok(null);
        }));
        def(t, m + "link-at", a -> fs(() -> {
            // wasmtime (crates/wasi/src/filesystem.rs, Dir::link_at): both directories writable and
            // alike, the source never followed (symlink-follow is invalid); here alike means one preopen
            if (flags(a[1]).contains("symlink-follow")) {
                return err(new WitValue.Enum("invalid"));
            }
            Fs.Descriptor from = desc(a[0]);
            Fs.Descriptor to = desc(a[3]);
            List<String> oldRel = mutatingRel(a[0], str(a[2]), false, "link-at", null);
            List<String> newRel = mutatingRel(a[3], str(a[4]), false, "link-at", null);
            if (from.root != to.root) {
                throw Fs.FsError.denied("not-permitted", "a hard link from one preopen into another");
            }
            Fs.link(from.root, oldRel, str(a[2]), newRel, str(a[4]));
            return ok(null);
        }));
        def(t, m + "open-at", a -> fs(() -> openAt(a)));
        def(t, m + "readlink-at", a -> fs(() -> {
            Fs.Descriptor d = desc(a[0]);
            Path p = Fs.hostPath(d.root, Fs.resolve(d, str(a[1]), false));
            if (!Files.isSymbolicLink(p)) {
                return err(new WitValue.Enum(Files.exists(p, NOFOLLOW) ? "invalid" : "no-entry"));
            }
            return ok(new WitValue.Str(Files.readSymbolicLink(p).toString()));
        }));
        def(t, m + "remove-directory-at", a -> fs(() -> {
            Path p = mutating(a[0], str(a[1]), false, "remove-directory-at", "invalid");
            if (!Files.exists(p, NOFOLLOW)) {
                return err(new WitValue.Enum("no-entry"));
            }
            if (!Files.isDirectory(p, NOFOLLOW)) {
                return err(new WitValue.Enum("not-directory"));
            }
            Files.delete(p);
            return ok(null);
        }));
        def(t, m + "rename-at", a -> fs(() -> {
            List<String> from = mutatingRel(a[0], str(a[1]), false, "rename-at", null);
            List<String> to = mutatingRel(a[2], str(a[3]), false, "rename-at", null);
            Fs.rename(Fs.hostPath(desc(a[0]).root, from), from, Fs.hostPath(desc(a[2]).root, to), to, str(a[3]));
            return ok(null);
        }));
        def(t, m + "symlink-at", a -> fs(() -> {
            String target = str(a[1]);
            Fs.Descriptor d = desc(a[0]);
            Path p = mutating(a[0], str(a[2]), false, "symlink-at", "exist");
            Fs.checkLinkTarget(d, str(a[2]), target);
            if (Fs.namesDirectory(str(a[2])) && !Files.exists(p, NOFOLLOW)) {
                return err(new WitValue.Enum("no-entry"));
            }
            Files.createSymbolicLink(p, Path.of(target));
            return ok(null);
        }));
        def(t, m + "unlink-file-at", a -> fs(() -> {
            Path p = mutating(a[0], str(a[1]), false, "unlink-file-at", "is-directory");
            if (Files.isDirectory(p, NOFOLLOW)) {
                return err(new WitValue.Enum("is-directory"));
            }
            Files.delete(p);
            return ok(null);
        }));
        def(t, m + "is-same-object", a -> {
            try {
                return new WitValue.Bool(Files.isSameFile(desc(a[0]).hostPath(), desc(a[1]).hostPath()));
            } catch (IOException | RuntimeException e) {
                return new WitValue.Bool(false);
            }
        });
        def(t, m + "metadata-hash", a -> fs(() -> ok(hash(desc(a[0]).hostPath(), FOLLOW))));
        def(t, m + "metadata-hash-at", a -> fs(() -> {
            boolean follow = flags(a[1]).contains("symlink-follow");
            Fs.Descriptor d = desc(a[0]);
            return ok(hash(Fs.hostPath(d.root, Fs.resolve(d, str(a[2]), follow)), NOFOLLOW));
        }));
        def(t, "filesystem-error-code", a -> {
            Streams.Error e = ctx.get(a[0], Streams.Error.class);
            return e.errorCode() == null ? WitValue.Option.NONE : new WitValue.Option(new WitValue.Enum(e.errorCode()));
        });
    }

    /** Runs a file system operation: every failure becomes WASI's error code, none escapes. */
    private WitValue fs(FsBody body) {
        try {
            return body.run();
        } catch (Fs.FsError e) {
            if (e.denied) {
                ctx.deny(e.getMessage());
            }
            return err(new WitValue.Enum(e.code));
        } catch (IOException e) {
            return err(new WitValue.Enum(Fs.error(e).code));
        } catch (WasiExit | IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            return err(new WitValue.Enum(Fs.error(e).code));
        }
    }

    private Fs.Descriptor desc(WitValue v) {
        return ctx.get(v, Fs.Descriptor.class);
    }

    private Fs.Descriptor file(WitValue v, boolean read, boolean write) throws Fs.FsError {
        Fs.Descriptor d = desc(v);
        if (d.directory) {
            throw Fs.FsError.of("is-directory", "a directory");
        }
        if ((read && !d.read) || (write && !d.write)) {
            throw Fs.FsError.of("bad-descriptor", "not opened for " + (read ? "reading" : "writing"));
        }
        return d;
    }

    /**
     * The host path of {@code path} under directory {@code dirValue}, for an operation that changes the
     * tree; {@code selfCode} is the error when the path names the preopen itself (null: allowed).
     */
    private Path mutating(WitValue dirValue, String path, boolean follow, String op, String selfCode)
            throws Fs.FsError {
        return Fs.hostPath(desc(dirValue).root, mutatingRel(dirValue, path, follow, op, selfCode));
    }

    /** {@link #mutating} as names from the preopen's root. */
    private List<String> mutatingRel(WitValue dirValue, String path, boolean follow, String op, String selfCode)
            throws Fs.FsError {
        Fs.Descriptor d = desc(dirValue);
        if (d.root.readOnly()) {
            throw Fs.FsError.denied("read-only", op + " in read-only preopen " + d.root.guestPath());
        }
        if (d.directory && !d.mutate) {
            throw Fs.FsError.denied("not-permitted", op + " through a descriptor without mutate-directory");
        }
        List<String> rel = Fs.resolve(d, path, follow);
        if (rel.isEmpty() && selfCode != null) {
            // what Linux answers for "." through a directory descriptor, as wasmtime's cap-std passes it on
            throw Fs.FsError.of(selfCode, op + " of the preopen itself");
        }
        return rel;
    }

    private WitValue sync(WitValue v, boolean metadata) throws IOException {
        Fs.Descriptor d = desc(v);
        if (d.channel != null && d.write) {
            d.channel.force(metadata);
        }
        return ok(null);
    }

    private WitValue openAt(WitValue[] a) throws Fs.FsError, IOException {
        Fs.Descriptor dir = desc(a[0]);
        boolean follow = flags(a[1]).contains("symlink-follow");
        String path = str(a[2]);
        Set<String> oflags = flags(a[3]);
        Set<String> dflags = flags(a[4]);
        boolean create = oflags.contains("create");
        boolean directory = oflags.contains("directory");
        boolean exclusive = oflags.contains("exclusive");
        boolean truncate = oflags.contains("truncate");
        boolean read = dflags.contains("read");
        boolean write = dflags.contains("write");
        if (!dir.directory) {
            throw Fs.FsError.of("not-directory", "open-at on a file");
        }
        // mutate-directory is not refused in a read-only preopen (wasi-libc asks for it on every
        // directory it opens); the new descriptor just does not get it, and every change is refused
        if ((create || truncate || write) && dir.root.readOnly()) {
            throw Fs.FsError.denied("read-only", "opening '" + path + "' for change in read-only preopen "
                    + dir.root.guestPath());
        }
        if (create && !dir.mutate) {
            throw Fs.FsError.denied("not-permitted", "creating '" + path + "' through a descriptor without mutate-directory");
        }
        if (!ctx.mayOpenDescriptor()) {
            throw Fs.FsError.denied("quota", "more than " + ctx.limits().maxOpenDescriptors() + " open descriptors");
        }
        List<String> rel = Fs.resolve(dir, path, follow);
        Path p = Fs.hostPath(dir.root, rel);
        boolean exists = Files.exists(p, NOFOLLOW);
        if (exists && create && exclusive) {
            return err(new WitValue.Enum("exist"));
        }
        if (!exists && create && Fs.namesDirectory(path)) {
            return err(new WitValue.Enum("is-directory")); // Linux: O_CREAT with a trailing slash
        }
        if (exists && Files.isSymbolicLink(p)) {
            return err(new WitValue.Enum("loop"));
        }
        if (directory || (exists && Files.isDirectory(p, NOFOLLOW))) {
            if (!exists) {
                return err(new WitValue.Enum("no-entry"));
            }
            if (!Files.isDirectory(p, NOFOLLOW)) {
                return err(new WitValue.Enum("not-directory"));
            }
            if (write || truncate) {
                return err(new WitValue.Enum("is-directory"));
            }
            // a directory opened from a parent has the parent's permission to change the tree, asked for or
            // not: the preview1 adapter never asks for mutate-directory (descriptor_flags_from_flags in
            // wasmtime's crates/wasi-preview1-component-adapter), and wasmtime's host gives a directory the
            // perms of the one it was opened from (Dir::open_at in crates/wasi/src/filesystem.rs)
            Fs.Descriptor d = new Fs.Descriptor(dir.root, rel, true, true, false, dir.mutate && !dir.root.readOnly(), null);
            return ok(ctx.own("descriptor", d));
        }
        if (rel.isEmpty()) {
            return err(new WitValue.Enum("is-directory"));
        }
        List<OpenOption> opts = new ArrayList<>();
        opts.add(LinkOption.NOFOLLOW_LINKS);
        if (read || !write) {
            opts.add(StandardOpenOption.READ);
        }
        if (write || create || truncate) {
            opts.add(StandardOpenOption.WRITE);
        }
        if (create) {
            opts.add(exclusive ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        }
        if (truncate) {
            opts.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        FileChannel ch = FileChannel.open(p, opts.toArray(OpenOption[]::new));
        Fs.Descriptor d = new Fs.Descriptor(dir.root, rel, false, read || !write, write, false, ch);
        return ok(ctx.own("descriptor", d));
    }

    private static WitValue stat(Path p, LinkOption... options) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class, options);
        String type = attrs.isSymbolicLink() ? "symbolic-link" : attrs.isDirectory() ? "directory"
                : attrs.isRegularFile() ? "regular-file" : "unknown";
        long links = 1;
        try {
            Object n = Files.getAttribute(p, "unix:nlink", options);
            if (n instanceof Number num) {
                links = num.longValue();
            }
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            // not a Unix file system: one link
        }
        FileTime ctime = attrs.lastModifiedTime();
        try {
            Object c = Files.getAttribute(p, "unix:ctime", options);
            if (c instanceof FileTime ft) {
                ctime = ft;
            }
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            // keep the modification time
        }
        return new WitValue.Record(List.of(
                new WitValue.Field("type", new WitValue.Enum(type)),
                new WitValue.Field("link-count", u64(links)),
                new WitValue.Field("size", u64(attrs.size())),
                new WitValue.Field("data-access-timestamp", new WitValue.Option(datetime(nanos(attrs.lastAccessTime())))),
                new WitValue.Field("data-modification-timestamp", new WitValue.Option(datetime(nanos(attrs.lastModifiedTime())))),
                new WitValue.Field("status-change-timestamp", new WitValue.Option(datetime(nanos(ctime))))));
    }

    private static long nanos(FileTime t) {
        java.time.Instant i = t.toInstant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private void setTimes(Path p, WitValue atime, WitValue mtime, LinkOption... options) throws IOException {
        Files.getFileAttributeView(p, BasicFileAttributeView.class, options)
                .setTimes(newTime(mtime), newTime(atime), null);
    }

    private FileTime newTime(WitValue v) {
        WitValue.Variant var = (WitValue.Variant) v;
        return switch (var.caseName()) {
            case "now" -> FileTime.from(java.time.Instant.ofEpochSecond(0, ctx.clock().wallNanos()));
            case "timestamp" -> {
                WitValue.Record r = (WitValue.Record) var.payload();
                yield FileTime.from(java.time.Instant.ofEpochSecond(u64(r.get("seconds")),
                        ((WitValue.U32) r.get("nanoseconds")).value()));
            }
            default -> null;
        };
    }

    private static WitValue hash(Path p, LinkOption... options) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class, options);
        String key = String.valueOf(attrs.fileKey()) + "|" + attrs.size() + "|" + attrs.lastModifiedTime();
        try {
            ByteBuffer h = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(
                    key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return new WitValue.Record(List.of(new WitValue.Field("lower", u64(h.getLong())),
                    new WitValue.Field("upper", u64(h.getLong()))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
