package dev.witbox.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs real Maven builds (a separate {@code mvn} process, the Maven running this build) of the projects
 * under {@code src/it/}, with the plugin as a user gets it: from a local repository
 * ({@code target/it-repo}, filled by {@code invoker:install} before this test runs). Everything else
 * comes from this build's own local repository, chained behind it read-only
 * ({@code maven.repo.local.tail}, Maven 3.9), so nothing is copied or downloaded again.
 */
class GenerateMojoIT {

    private static final Path PROJECTS = Path.of("src/it");
    private static final Path WORK = Path.of("target/it-work").toAbsolutePath();
    /** Long ago: a generated file written again would get the current time. */
    private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

    private static Path mvn;
    /** The local repository with the plugin, chained to this build's own (read only) for everything else. */
    private static List<String> repositories;

    record Build(int status, String log) {
    }

    @BeforeAll
    static void mavenAndItsSettings() throws IOException {
        String mavenHome = requiredProperty("maven.home");
        mvn = Path.of(mavenHome, "bin", System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn");
        assertThat(mvn).as("the mvn launcher of the Maven running this build").isRegularFile();
        Path itRepository = Path.of(requiredProperty("witbox.it.repository"));
        assertThat(itRepository.resolve("dev/witbox/witbox-maven-plugin")).as("invoker:install ran before this test")
                .isDirectory();
        Path buildRepository = Path.of(requiredProperty("witbox.it.buildRepository"));
        repositories = List.of("-Dmaven.repo.local=" + itRepository, "-Dmaven.repo.local.tail=" + buildRepository);
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property %s (set by the failsafe configuration in maven-plugin/pom.xml)", name)
                .isNotBlank();
        return value;
    }

    /** A fresh copy of {@code src/it/NAME} with the version under test filled in. */
    private static Path project(String name) throws IOException {
        Path source = PROJECTS.resolve(name);
        Path target = WORK.resolve(name);
        if (Files.exists(target)) {
            try (Stream<Path> walk = Files.walk(target)) {
                for (Path p : walk.sorted((a, b) -> b.compareTo(a)).collect(Collectors.toList())) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.collect(Collectors.toList())) {
                Path copy = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path pom = target.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("@project.version@", requiredProperty("witbox.version")));
        // stops Maven looking further up for a .mvn folder: this repository's own must not apply
        Files.createDirectories(target.resolve(".mvn"));
        return target;
    }

    private static Build mvn(Path project, String logName, String... goals) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-f", project.resolve("pom.xml").toString()));
        command.addAll(repositories);
        command.addAll(List.of(goals));
        Path log = project.resolve(logName);
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MAVEN_ARGS");
        // short builds: the JIT's quick tier and the simplest collector start Maven fastest
        builder.environment().put("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("mvn did not finish in 5 minutes; see " + log);
        }
        return new Build(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static Map<String, FileTime> filesUnder(Path dir) throws IOException {
        Map<String, FileTime> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.getLastModifiedTime(p));
            }
        }
        return files;
    }

    @Test
    void generatesCompilesCodeUsingTheInterfacesIsUpToDateTheSecondTimeAndDropsStaleFiles() throws Exception {
        Path project = project("greeter");
        Path generated = project.resolve("target/generated-sources/witbox");

        Build first = mvn(project, "build-1.log", "compile");

        assertThat(first.status()).as("first build:\n%s", first.log()).isZero();
        int generatedFiles = filesUnder(generated).size() - 1;
        assertThat(first.log()).contains("witbox generated " + generatedFiles + " files in " + generated);
        assertThat(filesUnder(generated).keySet()).contains("com/example/greeter/Names.java",
                "com/example/greeter/Clock.java", "com/example/greeter/Casing.java", Generation.STATE_FILE);
        assertThat(project.resolve("target/classes/com/example/app/Welcome.class"))
                .as("the project's own class, calling the generated export interface").isRegularFile();
        assertThat(project.resolve("target/classes/com/example/app/FixedClock.class"))
                .as("the project's own class, implementing the generated import interface").isRegularFile();
        assertThat(project.resolve("target/classes/com/example/greeter/Names$Person.class")).isRegularFile();

        for (String f : filesUnder(generated).keySet()) {
            Files.setLastModifiedTime(generated.resolve(f), LONG_AGO);
        }
        Build second = mvn(project, "build-2.log", "compile");

        assertThat(second.status()).as("second build:\n%s", second.log()).isZero();
        assertThat(second.log()).contains("witbox bindings are up to date (" + generatedFiles + " files in " + generated + ")")
                .doesNotContain("witbox generated");
        assertThat(filesUnder(generated).values()).as("nothing generated was written again").containsOnly(LONG_AGO);
        assertThat(second.log()).as("so the compiler has nothing to do either").contains("Nothing to compile");

        // the plugin stops importing the clock: its interface goes, with the class implementing it
        Path wit = project.resolve("src/main/wit/world.wit");
        Files.writeString(wit, Files.readString(wit).replace("  import clock;\n", ""));
        Files.delete(project.resolve("src/main/java/com/example/app/FixedClock.java"));
        Build third = mvn(project, "build-3.log", "compile");

        assertThat(third.status()).as("third build:\n%s", third.log()).isZero();
        assertThat(third.log()).containsPattern(
                "witbox generated \\d+ files in .* \\(\\d+ written, \\d+ unchanged, [1-9]\\d* stale removed\\)");
        assertThat(filesUnder(generated)).as("the stale interface is deleted, the others are left as they were")
                .doesNotContainKey("com/example/greeter/Clock.java")
                .containsEntry("com/example/greeter/Names.java", LONG_AGO)
                .containsEntry("com/example/greeter/Casing.java", LONG_AGO);
    }

    @Test
    void brokenWitFailsTheBuildWithFileLineAndColumn() throws Exception {
        Path project = project("broken-wit");
        Path wit = project.resolve("src/main/wit/world.wit");
        String badLine = Files.readAllLines(wit).get(3);

        Build build = mvn(project, "build.log", "compile");

        assertThat(build.status()).as("build:\n%s", build.log()).isEqualTo(1);
        String error = wit + ":4:" + (badLine.indexOf("strng") + 1)
                + ": error: unknown type 'strng' in function 'greet'; did you mean 'string'?";
        assertThat(build.log())
                .contains("[ERROR] " + error)
                .contains("BUILD FAILURE")
                .containsPattern("\\[ERROR] Failed to execute goal dev\\.witbox:witbox-maven-plugin:[^ ]+:generate \\([^)]+\\)"
                        + " on project broken-wit: " + Pattern.quote(error) + " -> \\[Help 1]\n");
        assertThat(project.resolve("target/generated-sources/witbox")).doesNotExist();
    }
}
