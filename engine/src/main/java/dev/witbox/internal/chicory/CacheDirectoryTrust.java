package dev.witbox.internal.chicory;

import dev.witbox.api.WitboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a compile cache directory may be trusted: its entries are JVM bytecode that witbox
 * loads into the host process, so whoever can write them can run code as the host. The rule is the one
 * OpenSSH applies to {@code ~/.ssh}:
 *
 * <ul>
 *   <li>the directory and each of its ancestors is owned by the user running the JVM or by root, and
 *       writable by neither its group nor others — except that an ancestor with the sticky bit
 *       ({@code /tmp}) may be writable by all, since nobody else can rename or delete what is ours in it;
 *   <li>each entry is owned by that user (or root) and writable by neither group nor others.
 * </ul>
 *
 * <p>On a file system without POSIX permissions (Windows) only ownership of the directory and its
 * entries is checked; ACLs are not evaluated. A directory witbox creates is created {@code rwx------}.
 */
final class CacheDirectoryTrust {

    private static final Set<PosixFilePermission> SHARED_WRITE =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    private static final int STICKY = 01000;
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private final UserPrincipal self;
    private final UserPrincipal root;

    /** The rule for {@code self}; {@code root} is trusted too (either may be null where unknown). */
    CacheDirectoryTrust(UserPrincipal self, UserPrincipal root) {
        this.self = self;
        this.root = root;
    }

    /** The trust rule for the user running this JVM. */
    static CacheDirectoryTrust forCurrentUser(Path anywhere) {
        var lookup = anywhere.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal self = lookupOrNull(lookup, System.getProperty("user.name"));
        UserPrincipal root = lookupOrNull(lookup, "root");
        return new CacheDirectoryTrust(self, root);
    }

    private static UserPrincipal lookupOrNull(java.nio.file.attribute.UserPrincipalLookupService lookup, String name) {
        if (lookup == null || name == null) {
            return null;
        }
        try {
            return lookup.lookupPrincipalByName(name);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** Creates {@code directory} (and missing parents) readable and writable by its owner only. */
    static void createPrivate(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (Files.getFileStore(existingAncestor(directory)).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.createDirectories(directory, OWNER_ONLY);
        } else {
            Files.createDirectories(directory);
        }
    }

    private static Path existingAncestor(Path path) {
        Path p = path.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? path.toAbsolutePath().getRoot() : p;
    }

    /**
     * Refuses a directory others could write.
     *
     * @throws WitboxException naming the path that is not safe, why, and the fix
     */
    void requireTrusted(Path directory) {
        Path dir;
        try {
            dir = directory.toRealPath();
        } catch (IOException e) {
            throw new WitboxException("cannot check the compile cache directory " + directory + ": " + e, e);
        }
        for (Path p = dir; p != null; p = p.getParent()) {
            boolean theCacheItself = p.equals(dir);
            problem(p, !theCacheItself).ifPresent(why -> {
                throw new WitboxException("refusing the compile cache directory " + directory + ": " + why
                        + ". Its entries are code loaded into this JVM, so only its owner may be able to change"
                        + " them: fix the permissions (chmod go-w, chown) or choose a private directory");
            });
        }
    }

    /** Why an entry file must not be loaded, or empty when it may be. */
    Optional<String> untrustedEntry(Path entry) {
        return problem(entry, false);
    }

    private Optional<String> problem(Path path, boolean stickyAllowsSharedWrite) {
        try {
            UserPrincipal owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS);
            if (self != null && !owner.equals(self) && !owner.equals(root)) {
                return Optional.of(path + " is owned by " + owner.getName() + ", not by " + self.getName() + " or root");
            }
            PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (posix == null) {
                return Optional.empty();
            }
            Set<PosixFilePermission> perms = posix.readAttributes().permissions();
            if (perms.stream().noneMatch(SHARED_WRITE::contains)) {
                return Optional.empty();
            }
            if (stickyAllowsSharedWrite && sticky(path)) {
                return Optional.empty();
            }
            return Optional.of(path + " is writable by " + (perms.contains(PosixFilePermission.OTHERS_WRITE)
                    ? "others" : "its group") + " (" + PosixFilePermissions.toString(perms) + ")");
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("cannot read the owner and permissions of " + path + " (" + e + ")");
        }
    }

    /** The sticky bit, where the platform tells it (Linux, macOS: the {@code unix:mode} attribute). */
    private static boolean sticky(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return mode instanceof Integer m && (m & STICKY) != 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
