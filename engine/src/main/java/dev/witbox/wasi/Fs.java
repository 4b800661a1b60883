package dev.witbox.wasi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The host side of {@code wasi:filesystem}: descriptors, and path resolution confined to a preopen.
 *
 * <p>A path is resolved one component at a time from the descriptor's place under its preopen's
 * root, never by the host OS: {@code .} is skipped, {@code ..} goes up one level and is refused at
 * the root, an absolute path is refused, and every symbolic link met on the way (the last component
 * only when asked to follow it) is read and its target resolved the same way, so that a link whose
 * target is absolute or climbs above the root is refused too. The result is a list of plain names
 * under the root with no link among them but possibly the last.
 */
final class Fs {

    private Fs() {}

    static final int MAX_SYMLINKS = 40;

    /** A refused or failed file system operation: {@code code} is the WASI {@code error-code} case. */
    static final class FsError extends Exception {
        final String code;
        final boolean denied;

        FsError(String code, String message, boolean denied) {
            super(message, null, false, false);
            this.code = code;
            this.denied = denied;
        }

        static FsError of(String code, String message) {
            return new FsError(code, message, false);
        }

        /** An attempt the policy refuses: counted and logged. */
        static FsError denied(String code, String message) {
            return new FsError(code, message, true);
        }
    }

    /** A preopened directory: its real host path and whether it may be changed. */
    record Root(Path real, String guestPath, boolean readOnly) {}

    /** A {@code descriptor}: a directory or an open file under a preopen. */
    static final class Descriptor {
        final Root root;
        /** The names from the root to this descriptor, none of them a symbolic link. */
        final List<String> rel;
        final boolean directory;
        final boolean read;
        final boolean write;
        final boolean mutate;
        final FileChannel channel;

        Descriptor(Root root, List<String> rel, boolean directory, boolean read, boolean write, boolean mutate,
                FileChannel channel) {
            this.root = root;
            this.rel = List.copyOf(rel);
            this.directory = directory;
            this.read = read;
            this.write = write;
            this.mutate = mutate;
            this.channel = channel;
        }

        Path hostPath() {
            return Fs.hostPath(root, rel);
        }

        void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing to tell the guest: the handle is gone
                }
            }
        }
    }

    /** A {@code directory-entry-stream}: a snapshot of the entries, read one by one. */
    static final class DirStream {
        final List<String[]> entries; // {name, descriptor-type}
        int next;

        DirStream(List<String[]> entries) {
            this.entries = entries;
        }
    }

    static Path hostPath(Root root, List<String> rel) {
        Path p = root.real();
        for (String name : rel) {
            p = p.resolve(name);
        }
        return p;
    }

    /**
     * Resolves {@code path} relative to directory {@code base}, inside its preopen only. With
     * {@code followLast}, a symbolic link as the last component is followed too.
     */
    static List<String> resolve(Descriptor base, String path, boolean followLast) throws FsError {
        if (!base.directory) {
            throw FsError.of("not-directory", "not a directory");
        }
        if (path.isEmpty()) {
            throw FsError.of("no-entry", "empty path");
        }
        if (path.indexOf('\0') >= 0) {
            throw FsError.of("invalid", "path contains NUL");
        }
        if (path.startsWith("/")) {
            throw FsError.denied("not-permitted", "absolute path '" + path + "'");
        }
        List<String> stack = new ArrayList<>(base.rel);
        Deque<String> todo = new ArrayDeque<>(List.of(path.split("/", -1)));
        boolean trailingSlash = path.endsWith("/");
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (stack.isEmpty()) {
                    throw FsError.denied("not-permitted", "path '" + path + "' leads out of the preopen");
                }
                stack.remove(stack.size() - 1);
                continue;
            }
            boolean last = todo.stream().allMatch(s -> s.isEmpty() || s.equals("."));
            Path p = hostPath(base.root, stack).resolve(c);
            if ((!last || followLast || trailingSlash) && Files.isSymbolicLink(p)) {
                if (++links > MAX_SYMLINKS) {
                    throw FsError.of("loop", "too many symbolic links in '" + path + "'");
                }
                String target;
                try {
                    target = Files.readSymbolicLink(p).toString();
                } catch (IOException e) {
                    throw error(e);
                }
                if (target.startsWith("/")) {
                    throw FsError.denied("not-permitted", "symbolic link '" + c + "' points to an absolute path");
                }
                String[] parts = target.split("/", -1);
                for (int i = parts.length - 1; i >= 0; i--) {
                    todo.addFirst(parts[i]);
                }
                continue;
            }
            stack.add(c);
        }
        if (trailingSlash && !stack.isEmpty()) {
            // a trailing slash names a directory: on anything else Linux answers ENOTDIR
            Path p = hostPath(base.root, stack);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw FsError.of("not-directory", "'" + path + "' ends with a slash but is not a directory");
            }
        }
        return stack;
    }

    /** Whether {@code path} ends with a slash, so that it can only name a directory. */
    static boolean namesDirectory(String path) {
        return path.endsWith("/");
    }

    /**
     * Makes the hard link {@code newRel} to {@code oldRel}, both resolved without following their last
     * component and under the same preopen (checked by the caller): what Linux's {@code linkat} without
     * {@code AT_SYMLINK_FOLLOW} answers for a missing source, a directory, an existing name, or a
     * trailing slash on a name that does not exist.
     */
    static void link(Root root, List<String> oldRel, String oldPath, List<String> newRel, String newPath)
            throws FsError, IOException {
        Path from = hostPath(root, oldRel);
        Path to = hostPath(root, newRel);
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            throw FsError.of("no-entry", "no such file '" + oldPath + "'");
        }
        if (oldRel.isEmpty() || Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            throw FsError.of("not-permitted", "a hard link to directory '" + oldPath + "'");
        }
        if (newRel.isEmpty() || Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            throw FsError.of("exist", "'" + newPath + "' exists");
        }
        if (namesDirectory(newPath) || namesDirectory(oldPath)) {
            throw FsError.of("no-entry", "'" + newPath + "' names a directory that does not exist");
        }
        Files.createLink(to, from);
    }

    /** A new symbolic link's target must be relative and stay inside the preopen (checked by its text). */
    static void checkLinkTarget(Fs.Descriptor d, String linkPath, String target) throws FsError {
        if (target.isEmpty() || target.startsWith("/")) {
            throw FsError.denied("not-permitted", "symbolic link to '" + target + "'");
        }
        List<String> stack = new ArrayList<>(resolve(d, linkPath, false));
        stack.remove(stack.size() - 1);
        for (String c : target.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (stack.isEmpty()) {
                    throw FsError.denied("not-permitted", "symbolic link to '" + target + "' leads out of the preopen");
                }
                stack.remove(stack.size() - 1);
            } else {
                stack.add(c);
            }
        }
    }

    /**
     * Renames within the preopens (both paths resolved and checked), atomically. Either end being a
     * preopen itself answers {@code busy}, as Linux's {@code renameat} does for {@code "."}; a file
     * renamed to a name with a trailing slash that does not exist answers {@code not-directory}.
     */
    static void rename(Path from, List<String> fromRel, Path to, List<String> toRel, String toPath)
            throws FsError, IOException {
        if (fromRel.isEmpty() || toRel.isEmpty()) {
            throw FsError.of("busy", "renaming a preopened directory, or over one");
        }
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            throw FsError.of("no-entry", "no such file or directory");
        }
        if (namesDirectory(toPath) && !Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            throw FsError.of("not-directory", "renaming a file to '" + toPath + "'");
        }
        Files.move(from, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The WASI error code of a Java I/O failure. */
    static FsError error(Exception e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof NoSuchFileException) {
            return FsError.of("no-entry", msg);
        } else if (e instanceof FileAlreadyExistsException) {
            return FsError.of("exist", msg);
        } else if (e instanceof DirectoryNotEmptyException) {
            return FsError.of("not-empty", msg);
        } else if (e instanceof NotDirectoryException) {
            return FsError.of("not-directory", msg);
        } else if (e instanceof AccessDeniedException) {
            return FsError.of("access", msg);
        } else if (e instanceof FileSystemLoopException) {
            return FsError.of("loop", msg);
        } else if (e instanceof NotLinkException) {
            return FsError.of("invalid", msg);
        } else if (e instanceof InvalidPathException) {
            return FsError.of("invalid", msg);
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            String r = fse.getReason().toLowerCase(java.util.Locale.ROOT);
            if (r.contains("is a directory")) {
                return FsError.of("is-directory", msg);
            } else if (r.contains("not a directory")) {
                return FsError.of("not-directory", msg);
            } else if (r.contains("too many levels of symbolic links")) {
                return FsError.of("loop", msg);
            } else if (r.contains("not empty")) {
                return FsError.of("not-empty", msg);
            } else if (r.contains("file exists")) {
                return FsError.of("exist", msg);
            } else if (r.contains("cross-device")) {
                return FsError.of("cross-device", msg);
            } else if (r.contains("name too long")) {
                return FsError.of("name-too-long", msg);
            } else if (r.contains("no space")) {
                return FsError.of("insufficient-space", msg);
            }
        }
        return FsError.of("io", msg);
    }

    static String typeOf(Path p, LinkOption... options) {
        if (Files.isSymbolicLink(p) && options.length > 0) {
            return "symbolic-link";
        } else if (Files.isDirectory(p, options)) {
            return "directory";
        } else if (Files.isRegularFile(p, options)) {
            return "regular-file";
        }
        return "unknown";
    }
}
