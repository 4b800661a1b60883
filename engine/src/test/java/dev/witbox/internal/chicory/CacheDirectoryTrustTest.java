package dev.witbox.internal.chicory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.WitboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compile cache holds code the host loads, so it is used only where nobody but its owner (or root) can
 * change it: the OpenSSH rule for {@code ~/.ssh}, applied to the directory, its ancestors and each entry.
 */
class CacheDirectoryTrustTest {

    private static final String IDENTITY = CompilerIdentity.current();

    @TempDir
    Path tmp;

    @Test
    void aDirectoryTheCacheCreatesIsPrivateToItsOwner() throws IOException {
        Path dir = tmp.resolve("a/b/cache");
        CompileCache.open(dir, IDENTITY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    @Test
    void aDirectoryOthersCanWriteIsRefusedNamingItAndTheFix() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> CompileCache.open(dir, IDENTITY))
                .isInstanceOf(WitboxException.class)
                .hasMessageContaining("refusing the compile cache directory " + dir)
                .hasMessageContaining("writable by others (rwxrwxrwx)")
                .hasMessageContaining("chmod go-w");
    }

    @Test
    void aDirectoryItsGroupCanWriteIsRefused() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("group"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxr-x"));
        assertThatThrownBy(() -> CompileCache.open(dir, IDENTITY))
                .hasMessageContaining("writable by its group (rwxrwxr-x)");
    }

    @Test
    void aPrivateDirectoryUnderAParentOthersCanWriteIsRefused() throws IOException {
        // whoever can write the parent can rename the cache away and put their own in its place
        Path parent = Files.createDirectory(tmp.resolve("open"));
        Path dir = Files.createDirectory(parent.resolve("cache"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> CompileCache.open(dir, IDENTITY))
                .hasMessageContaining(parent + " is writable by others");
    }

    @Test
    void aStickyParentLikeTmpMayBeWritableByAll() throws IOException {
        Path parent = Files.createDirectory(tmp.resolve("sticky"));
        Files.setAttribute(parent, "unix:mode", 01777);
        Path dir = parent.resolve("cache");
        assertThatCode(() -> CompileCache.open(dir, IDENTITY)).doesNotThrowAnyException();
    }

    @Test
    void aDirectoryOwnedBySomeoneElseIsRefused() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("theirs"));
        UserPrincipal me = Files.getOwner(dir);
        UserPrincipal stranger = () -> "stranger";
        CacheDirectoryTrust trustForStranger = new CacheDirectoryTrust(stranger, null);
        assertThatThrownBy(() -> trustForStranger.requireTrusted(dir))
                .hasMessageContaining(dir + " is owned by " + me.getName() + ", not by stranger or root");
    }

    @Test
    void anEntryOthersCouldHaveWrittenIsCompiledAgainInsteadOfLoaded() throws IOException {
        byte[] module = TinyModules.constant(7);
        CompileCache first = CompileCache.open(tmp, IDENTITY);
        CoreModuleCode.compile("test module", module, ExecutionMode.COMPILED, first);
        Path entry;
        try (var files = Files.list(tmp)) {
            entry = files.filter(p -> p.toString().endsWith(CompileCache.ENTRY_SUFFIX)).findFirst().orElseThrow();
        }
        Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString("rw-rw-rw-"));

        CompileCache second = CompileCache.open(tmp, IDENTITY);
        CoreModuleCode.compile("test module", module, ExecutionMode.COMPILED, second);

        assertThat(second.stats()).isEqualTo(new CompileCache.Stats(0, 1, 1, 1, 0));
        // the replacement is an entry of this process's own, private again
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(entry))).isEqualTo("rw-------");
    }
}
