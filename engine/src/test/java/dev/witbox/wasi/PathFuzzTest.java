package dev.witbox.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.witbox.fuzz.FuzzLoop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz target of WASI path resolution against a preopen holding symbolic links that lead in, up, out, to an
 * absolute path and in a loop: random sequences of {@code ..}, {@code .}, names, links, empty components, NUL bytes,
 * very long names and leading slashes, resolved from the preopen and from a folder inside it, following the last
 * link or not. Invariant: an {@code FsError} (the guest's errno), or a path whose folder, and with links followed
 * the path itself, is inside the preopen on the real file system. An input is one byte of choices (bit 0: from the
 * folder, bit 1: follow the last link) and the path. See {@link FuzzLoop}: generated inputs in
 * {@link #randomPathsNeverLeaveThePreopen}, Jazzer in {@link #coverageGuided}.
 */
class PathFuzzTest {

    private static final String[] PARTS = {"..", ".", "", "a", "b", "to-b", "up", "way-up", "abs", "loop1", "outside",
        "data", "x\0y", "n".repeat(300), "ü", "a/..", "/", "\\", "..\\..", "%2e%2e"};

    @TempDir
    Path tmp;

    private Fs.Root root;
    private Path real;
    private List<Fs.Descriptor> bases;

    @BeforeEach
    void preopenWithLinks() throws IOException {
        root = PathResolutionTest.linkTree(tmp);
        real = root.real();
        bases = List.of(new Fs.Descriptor(root, List.of(), true, true, true, true, null),
                new Fs.Descriptor(root, List.of("a"), true, true, true, true, null));
    }

    @Test
    void randomPathsNeverLeaveThePreopen() {
        long inputs = FuzzLoop.run("wasi-path", PathFuzzTest::generate, this::target);
        assertThat(inputs).isPositive();
    }

    @FuzzTest(maxDuration = "5m")
    void coverageGuided(byte[] input) throws Exception {
        FuzzLoop.invariant(this::target, input);
    }

    private void target(byte[] input) throws IOException {
        if (input.length == 0) {
            return; // no choices, no path
        }
        String path = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        Fs.Descriptor base = bases.get(input[0] & 1);
        boolean followLast = (input[0] & 2) != 0;
        List<String> rel;
        try {
            rel = Fs.resolve(base, path, followLast);
        } catch (Fs.FsError refused) {
            return; // the guest's errno
        }
        Path host = Fs.hostPath(root, rel);
        assertThat(host.normalize().startsWith(real)).as("%s inside the preopen", host).isTrue();
        if (rel.isEmpty()) {
            return; // the preopen itself
        }
        Path folder = host.getParent();
        if (Files.exists(folder)) {
            assertThat(folder.toRealPath().startsWith(real)).as("folder of %s inside the preopen", host).isTrue();
        }
        if (followLast && Files.exists(host)) {
            assertThat(host.toRealPath().startsWith(real)).as("%s, links followed, inside the preopen", host).isTrue();
        } else if (Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
            assertThat(host.getParent().toRealPath().startsWith(real)).as("folder of %s", host).isTrue();
        }
    }

    private static byte[] generate(Random random) {
        StringBuilder sb = new StringBuilder(random.nextInt(8) == 0 ? "/" : "");
        for (int i = random.nextInt(12); i >= 0; i--) {
            sb.append(PARTS[random.nextInt(PARTS.length)]);
            if (i > 0 || random.nextInt(4) == 0) {
                sb.append('/');
            }
        }
        byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[text.length + 1];
        input[0] = (byte) random.nextInt(4);
        System.arraycopy(text, 0, input, 1, text.length);
        return input;
    }
}
