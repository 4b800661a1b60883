package dev.witbox.maven;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.CodeSource;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A SHA-256 digest of everything a generation depends on: the WIT files, the options and the code that
 * generates. Two generations with the same fingerprint write the same files, so the second can be
 * skipped. Every part is written with its length, so that no two different inputs can run together
 * into the same bytes.
 */
final class Fingerprint {

    private final MessageDigest digest;

    Fingerprint() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    Fingerprint add(String label, String value) {
        part(label.getBytes(StandardCharsets.UTF_8));
        part(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /**
     * Adds every regular file under {@code root} that {@code include} accepts, in the order of their
     * paths relative to {@code root} (with {@code /}), each with its relative path; a file is taken as
     * {@code root} itself when {@code root} is a file.
     */
    Fingerprint addTree(String label, Path root, Predicate<Path> include) throws IOException {
        part(label.getBytes(StandardCharsets.UTF_8));
        if (Files.isRegularFile(root)) {
            part(root.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            part(Files.readAllBytes(root));
            return this;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(include).sorted().collect(Collectors.toList());
        }
        for (Path f : files) {
            part(root.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            part(Files.readAllBytes(f));
        }
        return this;
    }

    /**
     * Adds the code of the jar (or class folder) {@code type} was loaded from, so that a rebuilt
     * generator of the same version (a SNAPSHOT) still counts as a change.
     */
    Fingerprint addCodeOf(Class<?> type) throws IOException {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null) {
            return add("code of " + type.getName(), "unknown");
        }
        Path location;
        try {
            location = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return add("code of " + type.getName(), source.getLocation().toString());
        }
        return addTree("code of " + type.getName(), location, p -> p.toString().endsWith(".class"));
    }

    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    private void part(byte[] bytes) {
        int n = bytes.length;
        digest.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        digest.update(bytes);
    }
}
