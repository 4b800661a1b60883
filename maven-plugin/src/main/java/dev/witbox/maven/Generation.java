package dev.witbox.maven;

import com.palantir.javapoet.JavaFile;
import dev.witbox.bindgen.BindingsGenerator;
import dev.witbox.wit.Wit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One incremental run of the generator into a folder that holds only generated sources.
 *
 * <p>A state file in the output folder remembers the {@link Fingerprint} of the last run's inputs and
 * the files it wrote. When the fingerprint is unchanged and those files are all still there, nothing
 * is done. Otherwise the sources are generated; a file whose content is unchanged is not rewritten
 * (its timestamp stays, so incremental compilation leaves it alone), and the files of the previous run
 * that this run no longer generates are deleted, with the package folders they leave empty. Nothing
 * but the files the state file lists is ever deleted.
 */
final class Generation {

    /** The state file's name in the output folder. */
    static final String STATE_FILE = ".witbox-generate";

    private static final String FINGERPRINT = "fingerprint ";
    private static final String FILE = "file ";

    /** What a run did; the paths are relative to the output folder, with {@code /}. */
    record Result(boolean upToDate, List<String> files, int written, int removed) {
    }

    private final Path witDirectory;
    private final BindingsGenerator.Options options;
    private final Path outputDirectory;

    Generation(Path witDirectory, BindingsGenerator.Options options, Path outputDirectory) {
        this.witDirectory = witDirectory;
        this.options = options;
        this.outputDirectory = outputDirectory;
    }

    /**
     * Generates unless up to date.
     *
     * @throws dev.witbox.wit.WitException           the WIT is wrong (the output is left as it was)
     * @throws dev.witbox.bindgen.BindingsException the world uses what the generator cannot express
     */
    Result run() throws IOException {
        String fingerprint = fingerprint();
        Path stateFile = outputDirectory.resolve(STATE_FILE);
        State previous = State.read(stateFile);
        if (fingerprint.equals(previous.fingerprint())
                && previous.files().stream().allMatch(f -> Files.isRegularFile(outputDirectory.resolve(f)))) {
            return new Result(true, previous.files(), 0, 0);
        }
        List<JavaFile> sources = new BindingsGenerator(options).generate(Wit.load(witDirectory, options.witOptions()));
        // from here on the folder is being changed: an interrupted run must never look up to date
        Files.deleteIfExists(stateFile);
        Set<String> files = new TreeSet<>();
        int written = 0;
        for (JavaFile source : sources) {
            String relative = relativePath(source);
            files.add(relative);
            if (writeIfChanged(outputDirectory.resolve(relative), source.toString())) {
                written++;
            }
        }
        int removed = 0;
        for (String stale : previous.files()) {
            if (!files.contains(stale) && deleteGenerated(stale)) {
                removed++;
            }
        }
        writeState(stateFile, fingerprint, files);
        return new Result(false, List.copyOf(files), written, removed);
    }

    /** Everything the output depends on: the WIT files, the options, and the code of the generator and of this plugin. */
    String fingerprint() throws IOException {
        return new Fingerprint()
                .addTree("wit", witDirectory, p -> p.getFileName().toString().endsWith(".wit"))
                .add("world", options.world() == null ? "(the package's only world)" : options.world())
                .add("package", options.javaPackage())
                .add("features", String.join(",", new TreeSet<>(options.features())))
                .add("all features", String.valueOf(options.allFeatures()))
                .addCodeOf(BindingsGenerator.class)
                .addCodeOf(Wit.class)
                .addCodeOf(Generation.class)
                .hex();
    }

    private static String relativePath(JavaFile source) {
        String folder = source.packageName().isEmpty() ? "" : source.packageName().replace('.', '/') + "/";
        return folder + source.typeSpec().name() + ".java";
    }

    private static boolean writeIfChanged(Path file, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
            return false;
        }
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return true;
    }

    /** Deletes a file the previous run wrote, and the folders that leaves empty, never leaving the output folder. */
    private boolean deleteGenerated(String relative) throws IOException {
        Path root = outputDirectory.toAbsolutePath().normalize();
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root) || file.equals(root) || !Files.deleteIfExists(file)) {
            return false;
        }
        for (Path dir = file.getParent(); dir != null && !dir.equals(root) && dir.startsWith(root); dir = dir.getParent()) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    break;
                }
            }
            Files.delete(dir);
        }
        return true;
    }

    /** What the state file says: the fingerprint and files of the last run; none when there is no state file. */
    private record State(String fingerprint, List<String> files) {

        static State read(Path stateFile) throws IOException {
            String fingerprint = null;
            List<String> files = new ArrayList<>();
            if (Files.isRegularFile(stateFile)) {
                for (String line : Files.readAllLines(stateFile, StandardCharsets.UTF_8)) {
                    if (line.startsWith(FINGERPRINT)) {
                        fingerprint = line.substring(FINGERPRINT.length());
                    } else if (line.startsWith(FILE)) {
                        files.add(line.substring(FILE.length()));
                    }
                }
            }
            return new State(fingerprint, files);
        }
    }

    private static void writeState(Path stateFile, String fingerprint, Set<String> files) throws IOException {
        Set<String> lines = new LinkedHashSet<>();
        lines.add("# witbox-maven-plugin: the fingerprint of the inputs of the last generation, and the files it"
                + " wrote (which the next generation deletes when it no longer generates them)");
        lines.add(FINGERPRINT + fingerprint);
        files.forEach(f -> lines.add(FILE + f));
        Files.createDirectories(stateFile.getParent());
        Files.write(stateFile, lines, StandardCharsets.UTF_8);
    }
}
