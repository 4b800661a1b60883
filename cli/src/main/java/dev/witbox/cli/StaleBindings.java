package dev.witbox.cli;

import dev.witbox.api.WitboxException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds and deletes the generated files a run of {@code witbox bindgen} left behind that the current run no
 * longer writes (a WIT type or interface renamed or removed). The CLI writes into any folder, often one with
 * hand-written code beside, and keeps no record of earlier runs; so a file is deleted only when it sits in a
 * folder this run wrote into and its first line is the very header this run's files carry, which names the
 * WIT world they were generated from: hand-written files and another world's bindings are never touched.
 */
final class StaleBindings {

    private StaleBindings() {}

    /** Deletes the stale files beside {@code written} (this run's files); returns them, sorted. */
    static List<Path> remove(List<Path> written) {
        if (written.isEmpty()) {
            return List.of();
        }
        String header = firstLine(written.get(0));
        Set<Path> current = new HashSet<>();
        Set<Path> folders = new TreeSet<>();
        for (Path p : written) {
            current.add(p.toAbsolutePath().normalize());
            folders.add(p.toAbsolutePath().normalize().getParent());
        }
        List<Path> removed = new ArrayList<>();
        for (Path folder : folders) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.java")) {
                for (Path f : files) {
                    if (!current.contains(f) && Files.isRegularFile(f) && header.equals(firstLine(f))) {
                        Files.delete(f);
                        removed.add(f);
                    }
                }
            } catch (IOException e) {
                throw new WitboxException("cannot remove stale bindings in " + folder + ": " + e);
            }
        }
        removed.sort(null);
        return removed;
    }

    private static String firstLine(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            return ""; // unreadable (not UTF-8, say): not a file bindgen wrote
        }
    }
}
