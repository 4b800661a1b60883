package dev.witbox.internal.chicory;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import dev.witbox.api.WitboxException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Runs a WASI preview 1 command (a core module importing {@code wasi_snapshot_preview1} and exporting
 * {@code _start}) on Chicory's preview 1 implementation, under {@link PreviewOneGrants}.
 *
 * <p>Chicory's {@code WasiOptions} express arguments, environment, stdio streams, a wall clock,
 * a {@code Random} and preopened directories; not read-only directories, confinement (it resolves
 * {@code ..} lexically and lets the host OS follow symbolic links, also out of the preopen, and it
 * reads a link's target relative to the JVM's working directory), the virtual monotonic clock,
 * or limits. So witbox replaces the functions where those rules live:
 * <ul>
 *   <li>every {@code path_*} function resolves the guest's path itself ({@link PreviewOneGrants#resolve})
 *       and hands Chicory a path from the preopen's root with no symbolic link on the way;
 *       {@code path_symlink}, {@code path_readlink}, {@code path_rename}, {@code path_link} and
 *       {@code path_filestat_set_times} are done by the grants (Chicory stores a link's target as an
 *       absolute host path, reads back only its last name, renames with options Linux refuses
 *       together, and sets a link's target's times when asked for the link's own);
 *   <li>{@code fd_readdir} describes each entry by itself, and append mode is witbox's own (Chicory's
 *       cannot be turned off and leaves the file unreadable);
 *   <li>opening for writing, and every change through a path or a descriptor of a read-only preopen,
 *       answers {@code EROFS};
 *   <li>{@code clock_time_get}, {@code clock_res_get}, clock-only {@code poll_oneoff} and
 *       {@code random_get} answer from the grants' clocks and random source;
 *   <li>writes longer than the write limit, opens past the descriptor limit and random requests past
 *       the random limit are refused and counted.
 * </ul>
 */
public final class PreviewOneCommand {

    public static final String MODULE = "wasi_snapshot_preview1";

    private static final int ESUCCESS = 0;
    private static final int EBADF = 8;
    private static final int EFBIG = 22;
    private static final int EINVAL = 28;
    private static final int EEXIST = 20;
    private static final int EISDIR = 31;
    private static final int ENOTSUP = 58;
    private static final int ENOTDIR = 54;
    private static final int EPERM = 63;
    private static final int EROFS = 69;
    private static final int EDQUOT = 19;

    private static final int LOOKUP_FOLLOW = 1;
    private static final int SEEK_SET = 0;
    private static final int SEEK_CUR = 1;
    private static final int SEEK_END = 2;
    private static final int O_CREAT = 1;
    private static final int O_EXCL = 4;
    private static final int O_TRUNC = 8;
    private static final int FDFLAG_APPEND = 1;
    private static final int FDFLAG_NONBLOCK = 4;
    private static final int FST_ATIM = 1;
    private static final int FST_ATIM_NOW = 2;
    private static final int FST_MTIM = 4;
    private static final int FST_MTIM_NOW = 8;
    private static final long RIGHT_FD_WRITE = 1L << 6;
    private static final long RIGHT_FD_ALLOCATE = 1L << 8;
    private static final long RIGHT_FD_FILESTAT_SET_SIZE = 1L << 22;

    /** WASI 0.2 {@code error-code} case names to preview 1 errno values. */
    private static final Map<String, Integer> ERRNO = Map.ofEntries(
            Map.entry("access", 2), Map.entry("would-block", 6), Map.entry("already", 7),
            Map.entry("bad-descriptor", EBADF), Map.entry("busy", 10), Map.entry("deadlock", 16),
            Map.entry("quota", EDQUOT), Map.entry("exist", 20), Map.entry("file-too-large", EFBIG),
            Map.entry("illegal-byte-sequence", 25), Map.entry("in-progress", 26), Map.entry("interrupted", 27),
            Map.entry("invalid", EINVAL), Map.entry("io", 29), Map.entry("is-directory", 31), Map.entry("loop", 32),
            Map.entry("too-many-links", 34), Map.entry("message-size", 35), Map.entry("name-too-long", 37),
            Map.entry("no-device", 43), Map.entry("no-entry", 44), Map.entry("no-lock", 46),
            Map.entry("insufficient-memory", 48), Map.entry("insufficient-space", 51), Map.entry("not-directory", ENOTDIR),
            Map.entry("not-empty", 55), Map.entry("not-recoverable", 56), Map.entry("unsupported", 58),
            Map.entry("no-tty", 59), Map.entry("no-such-device", 60), Map.entry("overflow", 61),
            Map.entry("not-permitted", EPERM), Map.entry("pipe", 64), Map.entry("read-only", EROFS),
            Map.entry("invalid-seek", 70), Map.entry("text-file-busy", 74), Map.entry("cross-device", 75));

    /** A descriptor witbox knows the place of: a preopen, or what {@code path_open} opened under one. */
    private record Opened(int root, List<String> rel, boolean directory, boolean preopen) {}

    /** An errno to answer at once. */
    private static final class Answer extends Exception {
        final int errno;

        Answer(int errno) {
            super(null, null, false, false);
            this.errno = errno;
        }
    }

    @FunctionalInterface
    private interface Body {
        int run(Memory memory, long[] args) throws Answer, PreviewOneGrants.Refusal;
    }

    private final PreviewOneGrants grants;
    private final WasiPreview1 wasi;
    private final Map<Integer, Opened> fds = new HashMap<>();
    /** The file descriptors in append mode (Chicory's own flag cannot change, so witbox keeps it). */
    private final java.util.Set<Integer> appending = new java.util.HashSet<>();
    private int openFiles;

    private PreviewOneCommand(PreviewOneGrants grants) {
        this.grants = grants;
        WasiOptions.Builder options = WasiOptions.builder()
                .withArguments(grants.args())
                .withStdin(grants.stdin(), false)
                .withStdout(sink(1), false)
                .withStderr(sink(2), false)
                .withClock(new GrantedClock(grants))
                .withRandom(new GrantedRandom(grants));
        grants.env().forEach(options::withEnvironment);
        List<PreviewOneGrants.Dir> preopens = grants.preopens();
        for (int i = 0; i < preopens.size(); i++) {
            options.withDirectory(preopens.get(i).guestPath(), preopens.get(i).hostPath());
            fds.put(3 + i, new Opened(i, List.of(), true, true));
        }
        this.wasi = WasiPreview1.builder().withOptions(options.build()).build();
    }

    /**
     * Instantiates {@code code} with the preview 1 functions and runs its {@code _start}.
     *
     * @return the exit code: 0 when {@code _start} returned, else what the guest passed to {@code proc_exit}
     * @throws WitboxException when the module imports anything else, or exports no {@code _start}
     * @throws CoreTrap when the guest traps
     */
    public static int run(CoreModuleCode code, PreviewOneGrants grants, int maxMemoryPages) {
        for (CoreImport imp : code.imports()) {
            if (!imp.module().equals(MODULE) || imp.kind() != CoreImport.Kind.FUNC) {
                throw new WitboxException(code.name() + " imports " + imp + ": a WASI preview 1 command may import"
                        + " only functions of " + MODULE);
            }
        }
        if (code.exportKind("_start").orElse(null) != CoreImport.Kind.FUNC) {
            throw new WitboxException(code.name() + " exports no function _start: it is not a WASI preview 1 command");
        }
        PreviewOneCommand command = new PreviewOneCommand(grants);
        try {
            Instance instance = code.instantiateWith(command.hostFunctions(), maxMemoryPages);
            instance.export("_start").apply();
            return 0;
        } catch (RuntimeException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof WasiExitException exit) {
                    return exit.exitCode();
                }
            }
            throw new CoreTrap(code.name() + " trapped in _start: " + e.getMessage(), e);
        } finally {
            command.wasi.close();
        }
    }

    private OutputStream sink(int fd) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                grants.write(fd, new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] b, int off, int len) {
                grants.write(fd, java.util.Arrays.copyOfRange(b, off, off + len));
            }
        };
    }

    private List<HostFunction> hostFunctions() {
        Map<String, Body> ours = new HashMap<>();
        ours.put("path_open", this::pathOpen);
        // a path naming the preopen itself gets what Linux answers for "." through a directory descriptor
        ours.put("path_create_directory", (m, a) -> {
            Target t = target(m, a, 0, 1, 2, false, PreviewOneGrants.Access.CHANGE);
            return t.self() ? EEXIST : wasi.pathCreateDirectory(t.rootFd(), t.rel());
        });
        ours.put("path_remove_directory", (m, a) -> {
            Target t = target(m, a, 0, 1, 2, false, PreviewOneGrants.Access.CHANGE);
            return t.self() ? EINVAL : wasi.pathRemoveDirectory(t.rootFd(), t.rel());
        });
        ours.put("path_unlink_file", (m, a) -> {
            Target t = target(m, a, 0, 1, 2, false, PreviewOneGrants.Access.CHANGE);
            return t.self() ? EISDIR : wasi.pathUnlinkFile(t.rootFd(), t.rel());
        });
        ours.put("path_filestat_get", (m, a) -> {
            Target t = target(m, a, 0, 2, 3, follows(a[1]), PreviewOneGrants.Access.READ);
            return wasi.pathFilestatGet(m, t.rootFd(), (int) a[1], t.rel(), (int) a[4]);
        });
        // done by the grants: Chicory follows a symbolic link even when the guest asks for its own times
        ours.put("path_filestat_set_times", (m, a) -> {
            Opened dir = dir((int) a[0]);
            int fst = (int) a[6];
            if ((fst & (FST_ATIM | FST_ATIM_NOW)) == (FST_ATIM | FST_ATIM_NOW)
                    || (fst & (FST_MTIM | FST_MTIM_NOW)) == (FST_MTIM | FST_MTIM_NOW)) {
                return EINVAL;
            }
            long now = grants.wallNanos();
            Long atime = (fst & FST_ATIM_NOW) != 0 ? Long.valueOf(now) : (fst & FST_ATIM) != 0 ? Long.valueOf(a[4]) : null;
            Long mtime = (fst & FST_MTIM_NOW) != 0 ? Long.valueOf(now) : (fst & FST_MTIM) != 0 ? Long.valueOf(a[5]) : null;
            grants.setTimes(dir.root(), dir.rel(), string(m, a[2], a[3]), follows(a[1]), atime, mtime);
            return ESUCCESS;
        });
        ours.put("path_rename", (m, a) -> {
            Opened from = dir((int) a[0]);
            Opened to = dir((int) a[3]);
            grants.rename(from.root(), from.rel(), string(m, a[1], a[2]), to.root(), to.rel(), string(m, a[4], a[5]));
            return ESUCCESS;
        });
        ours.put("path_link", (m, a) -> {
            if (follows(a[1])) {
                return EINVAL; // as wasmtime's host: the source of a hard link is never followed
            }
            Opened from = dir((int) a[0]);
            Opened to = dir((int) a[4]);
            grants.link(from.root(), from.rel(), string(m, a[2], a[3]), to.root(), to.rel(), string(m, a[5], a[6]));
            return ESUCCESS;
        });
        ours.put("path_symlink", (m, a) -> {
            Opened dir = dir((int) a[2]);
            grants.symlink(dir.root(), dir.rel(), string(m, a[0], a[1]), string(m, a[3], a[4]));
            return ESUCCESS;
        });
        ours.put("path_readlink", (m, a) -> {
            Opened dir = dir((int) a[0]);
            byte[] target = grants.readlink(dir.root(), dir.rel(), string(m, a[1], a[2])).getBytes(StandardCharsets.UTF_8);
            int n = Math.min(target.length, (int) a[4]);
            m.write((int) a[3], java.util.Arrays.copyOf(target, n));
            m.writeI32((int) a[5], n);
            return ESUCCESS;
        });
        ours.put("fd_close", (m, a) -> {
            int rc = wasi.fdClose((int) a[0]);
            if (rc == ESUCCESS) {
                forget((int) a[0]);
            }
            return rc;
        });
        ours.put("fd_renumber", (m, a) -> {
            int rc = wasi.fdRenumber((int) a[0], (int) a[1]);
            if (rc == ESUCCESS && a[0] != a[1]) {
                boolean append = appending.remove((int) a[0]);
                Opened moved = fds.remove((int) a[0]);
                forget((int) a[1]);
                if (moved != null) {
                    fds.put((int) a[1], moved);
                }
                if (append) {
                    appending.add((int) a[1]);
                }
            }
            return rc;
        });
        ours.put("fd_write", (m, a) -> {
            int fd = (int) a[0];
            checkWrite(m, fd, (int) a[1], (int) a[2]);
            if (appending.contains(fd) && a[2] > 0) {
                seek(m, fd, 0, SEEK_END, (int) a[1]);
            }
            return wasi.fdWrite(m, fd, (int) a[1], (int) a[2], (int) a[3]);
        });
        ours.put("fd_pwrite", (m, a) -> {
            int fd = (int) a[0];
            checkWrite(m, fd, (int) a[1], (int) a[2]);
            if (appending.contains(fd) && a[2] > 0) {
                // as Linux and wasmtime: on an append descriptor pwrite appends, and the offset stays
                long at = seek(m, fd, 0, SEEK_CUR, (int) a[1]);
                seek(m, fd, 0, SEEK_END, (int) a[1]);
                int rc = wasi.fdWrite(m, fd, (int) a[1], (int) a[2], (int) a[4]);
                seek(m, fd, at, SEEK_SET, (int) a[1]);
                return rc;
            }
            return wasi.fdPwrite(m, fd, (int) a[1], (int) a[2], a[3], (int) a[4]);
        });
        ours.put("fd_fdstat_set_flags", (m, a) -> {
            int fd = (int) a[0];
            Opened o = fds.get(fd);
            if (o == null || o.directory()) {
                return wasi.fdFdstatSetFlags(fd, (int) a[1]);
            }
            if ((a[1] & ~(FDFLAG_APPEND | FDFLAG_NONBLOCK)) != 0) {
                return EINVAL; // only append and non-blocking may change, as in wasmtime's hosts
            }
            if ((a[1] & FDFLAG_APPEND) != 0) {
                appending.add(fd);
            } else {
                appending.remove(fd);
            }
            return ESUCCESS;
        });
        ours.put("fd_readdir", this::readdir);
        // as wasmtime's preview 1 host (and its adapter): not supported, for any open descriptor;
        // answered here, without Chicory's error log line on every call
        ours.put("fd_fdstat_set_rights", (m, a) -> (a[0] >= 0 && a[0] <= 2) || fds.containsKey((int) a[0]) ? ENOTSUP : EBADF);
        ours.put("fd_fdstat_get", (m, a) -> {
            int rc = wasi.fdFdstatGet(m, (int) a[0], (int) a[1]);
            if (rc == ESUCCESS && appending.contains((int) a[0])) {
                m.writeShort((int) a[1] + 2, (short) (m.readShort((int) a[1] + 2) | FDFLAG_APPEND));
            }
            return rc;
        });
        ours.put("fd_filestat_set_times", (m, a) -> {
            checkChange((int) a[0], "fd_filestat_set_times");
            return wasi.fdFilestatSetTimes((int) a[0], a[1], a[2], (int) a[3]);
        });
        ours.put("fd_filestat_set_size", (m, a) -> {
            checkChange((int) a[0], "fd_filestat_set_size");
            return wasi.fdFilestatSetSize((int) a[0], a[1]);
        });
        ours.put("fd_allocate", (m, a) -> {
            checkChange((int) a[0], "fd_allocate");
            return wasi.fdAllocate((int) a[0], a[1], a[2]);
        });
        ours.put("clock_time_get", (m, a) -> {
            long now = switch ((int) a[0]) {
                case 0 -> grants.wallNanos();
                case 1 -> grants.monotonicNanos();
                default -> throw new Answer(EINVAL); // no CPU-time clocks: WASI 0.2 has none either
            };
            m.writeLong((int) a[2], now);
            return ESUCCESS;
        });
        ours.put("clock_res_get", (m, a) -> {
            if (a[0] != 0 && a[0] != 1) {
                return EINVAL;
            }
            m.writeLong((int) a[1], 1L);
            return ESUCCESS;
        });
        ours.put("poll_oneoff", this::pollOneoff);
        ours.put("random_get", (m, a) -> {
            int len = (int) a[1];
            if (len < 0 || len > grants.maxRandomBytes()) {
                grants.denied("random_get of " + Integer.toUnsignedString(len) + " bytes");
                return EPERM;
            }
            byte[] bytes = new byte[len];
            grants.randomBytes(bytes);
            m.write((int) a[0], bytes);
            return ESUCCESS;
        });

        List<HostFunction> out = new ArrayList<>();
        for (HostFunction f : wasi.toHostFunctions()) {
            Body body = ours.get(f.name());
            out.add(body == null ? f : new HostFunction(f.module(), f.name(), f.functionType(), handle(body)));
        }
        return out;
    }

    private static WasmFunctionHandle handle(Body body) {
        return (instance, args) -> {
            int rc;
            try {
                rc = body.run(instance.memory(), args);
            } catch (Answer a) {
                rc = a.errno;
            } catch (PreviewOneGrants.Refusal r) {
                rc = ERRNO.getOrDefault(r.code(), 29);
            }
            return new long[] {rc};
        };
    }

    /**
     * A resolved path as Chicory takes it: its preopen's descriptor and the names from there, joined;
     * {@code self} when it names the preopen itself.
     */
    private record Target(int rootFd, String rel, boolean self) {}

    /** Resolves the path at args[ptr], args[len] from the directory at args[fd]. */
    private Target target(Memory m, long[] a, int fd, int ptr, int len, boolean follow, PreviewOneGrants.Access access)
            throws Answer, PreviewOneGrants.Refusal {
        Opened dir = dir((int) a[fd]);
        List<String> rel = grants.resolve(dir.root(), dir.rel(), string(m, a[ptr], a[len]), follow, access);
        return new Target(3 + dir.root(), rel.isEmpty() ? "." : String.join("/", rel), rel.isEmpty());
    }

    private Opened dir(int fd) throws Answer {
        Opened o = fds.get(fd);
        if (o == null) {
            throw new Answer(EBADF);
        }
        if (!o.directory()) {
            throw new Answer(ENOTDIR);
        }
        return o;
    }

    private static boolean follows(long lookupFlags) {
        return (lookupFlags & LOOKUP_FOLLOW) != 0;
    }

    private static String string(Memory m, long ptr, long len) {
        return m.readString((int) ptr, (int) len);
    }

    /**
     * {@code fd_readdir} of a directory witbox knows the place of. Chicory's reads each entry's
     * attributes following symbolic links, so it leaves out a dangling link, calls a link to a directory
     * a directory, and reads the inode of a link's target even outside the preopen; here every entry
     * is described by itself ({@code lstat}), in name order, after "." and "..".
     */
    private int readdir(Memory m, long[] a) throws Answer {
        int fd = (int) a[0];
        Opened o = fds.get(fd);
        if (o == null || !o.directory()) {
            return wasi.fdReaddir(m, fd, (int) a[1], (int) a[2], a[3], (int) a[4]);
        }
        if (a[3] < 0) {
            return EINVAL;
        }
        Path dir = grants.preopens().get(o.root()).hostPath();
        for (String name : o.rel()) {
            dir = dir.resolve(name);
        }
        List<String> names = new ArrayList<>(List.of(".", ".."));
        try (java.util.stream.Stream<Path> list = Files.list(dir)) {
            list.map(p -> p.getFileName().toString()).sorted().forEach(names::add);
        } catch (java.io.IOException e) {
            return Files.exists(dir, LinkOption.NOFOLLOW_LINKS) ? 29 : 44; // EIO, ENOENT
        }
        int buf = (int) a[1];
        int bufLen = (int) a[2];
        int used = 0;
        for (long i = a[3]; i < names.size() && used < bufLen; i++) {
            String name = names.get((int) i);
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            long ino = 0;
            byte type = 3; // directory: "." and ".." (whose parent may be outside the preopen: not read)
            if (i >= 2) {
                try {
                    java.nio.file.attribute.BasicFileAttributes at = Files.readAttributes(dir.resolve(name),
                            java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    type = (byte) (at.isSymbolicLink() ? 7 : at.isDirectory() ? 3 : at.isRegularFile() ? 4 : 0);
                    Object n = Files.getAttribute(dir.resolve(name), "unix:ino", LinkOption.NOFOLLOW_LINKS);
                    ino = n instanceof Number num ? num.longValue() : 0;
                } catch (java.io.IOException | UnsupportedOperationException | IllegalArgumentException e) {
                    continue; // gone since the listing
                }
            }
            java.nio.ByteBuffer entry = java.nio.ByteBuffer.allocate(24 + bytes.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            entry.putLong(0, i + 1).putLong(8, ino).putInt(16, bytes.length).put(20, type);
            entry.position(24);
            entry.put(bytes);
            int n = Math.min(entry.capacity(), bufLen - used);
            m.write(buf + used, entry.array(), 0, n);
            used += n;
        }
        m.writeI32((int) a[4], used);
        return ESUCCESS;
    }

    /**
     * Moves {@code fd}'s offset with Chicory's {@code fd_seek}, which writes the new offset to guest
     * memory: to the 8 bytes at {@code scratch} (the guest's iovec array, read only after this), put
     * back afterwards.
     */
    private long seek(Memory m, int fd, long offset, int whence, int scratch) throws Answer {
        byte[] saved = m.readBytes(scratch, 8);
        try {
            int rc = wasi.fdSeek(m, fd, offset, whence, scratch);
            if (rc != ESUCCESS) {
                throw new Answer(rc);
            }
            return m.readLong(scratch);
        } finally {
            m.write(scratch, saved);
        }
    }

    private void forget(int fd) {
        appending.remove(fd);
        Opened o = fds.remove(fd);
        if (o != null && !o.preopen()) {
            openFiles--;
        }
    }

    private int pathOpen(Memory m, long[] a) throws Answer, PreviewOneGrants.Refusal {
        int oflags = (int) a[4];
        long rights = a[5];
        int fdflags = (int) a[7];
        boolean change = (oflags & (O_CREAT | O_EXCL | O_TRUNC)) != 0 || (fdflags & FDFLAG_APPEND) != 0
                || (rights & (RIGHT_FD_WRITE | RIGHT_FD_ALLOCATE | RIGHT_FD_FILESTAT_SET_SIZE)) != 0;
        if (openFiles >= grants.maxOpenFiles()) {
            grants.denied("more than " + grants.maxOpenFiles() + " open descriptors");
            return EDQUOT;
        }
        Opened dir = dir((int) a[0]);
        String path = string(m, a[2], a[3]);
        List<String> rel = grants.resolve(dir.root(), dir.rel(), path, follows(a[1]),
                change ? PreviewOneGrants.Access.CHANGE : PreviewOneGrants.Access.READ);
        Path host = grants.preopens().get(dir.root()).hostPath();
        for (String name : rel) {
            host = host.resolve(name);
        }
        if ((change && rel.isEmpty())
                || ((oflags & O_CREAT) != 0 && path.endsWith("/") && !Files.exists(host, LinkOption.NOFOLLOW_LINKS))) {
            return EISDIR; // the preopen itself for writing; O_CREAT of a name with a trailing slash (Linux)
        }
        String relText = rel.isEmpty() ? "." : String.join("/", rel);
        // Chicory opens an append descriptor with Java's APPEND, which cannot be turned off and leaves the
        // file unreadable; witbox opens it plainly and appends itself (see appending)
        int rc = wasi.pathOpen(m, 3 + dir.root(), (int) a[1], relText, oflags, rights, a[6], fdflags & ~FDFLAG_APPEND,
                (int) a[8]);
        if (rc == ESUCCESS) {
            int fd = m.readInt((int) a[8]);
            boolean directory = Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS);
            fds.put(fd, new Opened(dir.root(), rel, directory, false));
            if (!directory && (fdflags & FDFLAG_APPEND) != 0) {
                appending.add(fd);
            }
            openFiles++;
        }
        return rc;
    }

    private void checkWrite(Memory m, int fd, int iovs, int iovsLen) throws Answer {
        long total = 0;
        for (int i = 0; i < iovsLen; i++) {
            total += Integer.toUnsignedLong(m.readInt(iovs + 8 * i + 4));
        }
        if (total > grants.maxWriteBytes()) {
            grants.denied("a write of " + total + " bytes (more than " + grants.maxWriteBytes() + ")");
            throw new Answer(EFBIG);
        }
        checkChange(fd, "write");
    }

    private void checkChange(int fd, String op) throws Answer {
        Opened o = fds.get(fd);
        if (o != null && grants.readOnly(o.root())) {
            grants.denied(op + " in a read-only preopen");
            throw new Answer(EROFS);
        }
    }

    /**
     * Clock subscriptions only are answered here, from the grants' clocks (a virtual clock advances
     * instead of sleeping); anything with a descriptor goes to Chicory.
     */
    private int pollOneoff(Memory m, long[] a) {
        int in = (int) a[0];
        int out = (int) a[1];
        int n = (int) a[2];
        if (n <= 0) {
            return EINVAL;
        }
        long[] deadlines = new long[n];
        long now = grants.monotonicNanos();
        for (int i = 0; i < n; i++) {
            int sub = in + 48 * i;
            if (m.read(sub + 8) != 0) {
                return wasi.pollOneoff(m, in, out, n, (int) a[3]);
            }
            int clock = m.readInt(sub + 16);
            long timeout = m.readLong(sub + 24);
            boolean absolute = (m.readShort(sub + 40) & 1) != 0;
            if (clock != 0 && clock != 1) {
                return EINVAL;
            }
            if (!absolute) {
                deadlines[i] = now + timeout;
            } else {
                deadlines[i] = clock == 1 ? timeout : now + (timeout - grants.wallNanos());
            }
        }
        long first = Long.MAX_VALUE;
        for (long d : deadlines) {
            first = Math.min(first, d);
        }
        grants.sleepUntil(first);
        long after = grants.monotonicNanos();
        int events = 0;
        for (int i = 0; i < n; i++) {
            if (deadlines[i] <= after) {
                int ev = out + 32 * events++;
                m.writeLong(ev, m.readLong(in + 48 * i));
                m.writeShort(ev + 8, (short) 0);
                m.writeByte(ev + 10, (byte) 0);
            }
        }
        m.writeI32((int) a[3], events);
        return ESUCCESS;
    }

    /** The grants' wall clock for what Chicory itself stamps (file times set to "now"). */
    private static final class GrantedClock extends Clock {
        private final PreviewOneGrants grants;

        GrantedClock(PreviewOneGrants grants) {
            this.grants = grants;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            long nanos = grants.wallNanos();
            return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        }
    }

    /** The grants' random source, should Chicory draw from it itself. */
    private static final class GrantedRandom extends Random {
        private static final long serialVersionUID = 1L;
        private final transient PreviewOneGrants grants;

        GrantedRandom(PreviewOneGrants grants) {
            this.grants = grants;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            grants.randomBytes(bytes);
        }
    }
}
