package dev.witbox.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Fs#resolve}: paths stay inside the preopen whatever the links and dots say. */
class PathResolutionTest {

    @TempDir
    Path tmp;
    Fs.Descriptor root;
    Fs.Descriptor sub;

    @BeforeEach
    void tree() throws IOException {
        Fs.Root r = linkTree(tmp);
        root = new Fs.Descriptor(r, List.of(), true, true, true, true, null);
        sub = new Fs.Descriptor(r, List.of("a"), true, true, true, true, null);
    }

    /**
     * The preopen {@code tmp/data} (folders a/b) with symbolic links that lead in (to-b), up (a/up), out
     * (a/b/way-up), to an absolute path (abs) and in a loop (loop1, loop2); {@code tmp/outside} beside it.
     */
    static Fs.Root linkTree(Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("data/a/b"));
        Path data = tmp.resolve("data");
        Files.createDirectory(tmp.resolve("outside"));
        Files.createSymbolicLink(data.resolve("to-b"), Path.of("a/b"));
        Files.createSymbolicLink(data.resolve("a/up"), Path.of(".."));
        Files.createSymbolicLink(data.resolve("a/b/way-up"), Path.of("../../../outside"));
        Files.createSymbolicLink(data.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(data.resolve("loop2"), Path.of("loop1"));
        Files.createSymbolicLink(data.resolve("abs"), tmp.resolve("outside"));
        return new Fs.Root(data.toRealPath(), "/data", false);
    }

    private static String code(ThrowingResolve r) {
        try {
            r.run();
            return "ok";
        } catch (Fs.FsError e) {
            return e.code + (e.denied ? " (denied)" : "");
        }
    }

    @FunctionalInterface
    interface ThrowingResolve {
        void run() throws Fs.FsError;
    }

    @Test
    void plainAndDottedPaths() throws Fs.FsError {
        assertThat(Fs.resolve(root, "a/b", true)).containsExactly("a", "b");
        assertThat(Fs.resolve(root, "./a//b/./", true)).containsExactly("a", "b");
        assertThat(Fs.resolve(root, "a/b/../..", true)).isEmpty();
        assertThat(Fs.resolve(sub, "..", true)).isEmpty();
        assertThat(Fs.resolve(sub, "b/x", true)).containsExactly("a", "b", "x");
    }

    @Test
    void linksInsideAreFollowedToTheirTargets() throws Fs.FsError {
        assertThat(Fs.resolve(root, "to-b/c", true)).containsExactly("a", "b", "c");
        assertThat(Fs.resolve(root, "to-b", true)).containsExactly("a", "b");
        assertThat(Fs.resolve(root, "to-b", false)).containsExactly("to-b");
        assertThat(Fs.resolve(root, "a/up/a", true)).containsExactly("a");
        assertThat(Fs.resolve(root, "to-b/", false)).containsExactly("a", "b");
    }

    @Test
    void escapesAreDenied() {
        assertThat(code(() -> Fs.resolve(root, "..", true))).isEqualTo("not-permitted (denied)");
        assertThat(code(() -> Fs.resolve(root, "a/../../data", true))).isEqualTo("not-permitted (denied)");
        assertThat(code(() -> Fs.resolve(sub, "../..", true))).isEqualTo("not-permitted (denied)");
        assertThat(code(() -> Fs.resolve(root, "/etc/passwd", true))).isEqualTo("not-permitted (denied)");
        assertThat(code(() -> Fs.resolve(root, "a/up/../x", true))).isEqualTo("not-permitted (denied)");
        assertThat(code(() -> Fs.resolve(root, "a/b/way-up/x", true))).isEqualTo("not-permitted (denied)");
        assertThat(code(() -> Fs.resolve(root, "to-b/way-up", true))).isEqualTo("not-permitted (denied)");
        assertThat(code(() -> Fs.resolve(root, "abs/x", false))).isEqualTo("not-permitted (denied)");
        assertThat(code(() -> Fs.resolve(root, "abs", true))).isEqualTo("not-permitted (denied)");
    }

    @Test
    void aLinkNotFollowedAtTheEndIsTheLinkItself() throws Fs.FsError {
        assertThat(Fs.resolve(root, "abs", false)).containsExactly("abs");
        assertThat(Fs.resolve(root, "a/b/way-up", false)).containsExactly("a", "b", "way-up");
    }

    @Test
    void oddPaths() {
        assertThat(code(() -> Fs.resolve(root, "loop1", true))).isEqualTo("loop");
        assertThat(code(() -> Fs.resolve(root, "loop1/x", false))).isEqualTo("loop");
        assertThat(code(() -> Fs.resolve(root, "", true))).isEqualTo("no-entry");
        assertThat(code(() -> Fs.resolve(root, "a\0b", true))).isEqualTo("invalid");
        Fs.Descriptor file = new Fs.Descriptor(root.root, List.of("f"), false, true, false, false, null);
        assertThat(code(() -> Fs.resolve(file, "x", true))).isEqualTo("not-directory");
    }

    @Test
    void policyDeniesEverythingByDefault() {
        WasiPolicy p = WasiPolicy.denyAll();
        assertThat(p.env()).isEmpty();
        assertThat(p.args()).isEmpty();
        assertThat(p.stdin()).isEmpty();
        assertThat(p.preopens()).isEmpty();
        assertThat(p.stdout()).isEqualTo(WasiPolicy.Output.discard());
        assertThat(p.stderr()).isEqualTo(WasiPolicy.Output.discard());
        assertThatThrownBy(() -> p.env().put("X", "1")).isInstanceOf(UnsupportedOperationException.class);
        WasiPolicy q = p.toBuilder().env("A", "1").args("x").build();
        assertThat(q.env()).containsExactly(java.util.Map.entry("A", "1"));
        assertThat(p.env()).isEmpty();
        assertThatThrownBy(() -> WasiPolicy.builder().env("A=B", "1")).isInstanceOf(IllegalArgumentException.class);
        byte[] in = {1, 2};
        WasiPolicy r = WasiPolicy.builder().stdin(in).build();
        in[0] = 9;
        assertThat(r.stdin()).containsExactly(1, 2);
    }
}
