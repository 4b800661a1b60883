package dev.witbox.bindgen;

import com.palantir.javapoet.JavaFile;
import dev.witbox.wit.Resolve;
import dev.witbox.wit.Wit;
import dev.witbox.wit.WitOptions;
import dev.witbox.wit.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Generates Java source for a WIT world: an interface per imported or exported WIT interface (the host
 * implements the imported ones and calls the exported ones), Java types for the WIT types they define,
 * and the annotations ({@link dev.witbox.api.WitInterface}, {@link dev.witbox.api.WitFunction},
 * {@link dev.witbox.api.WitType}) the runtime reads to bind a plugin to them.
 *
 * <p>The mapping from WIT to Java is described in the project README ("WIT → Java"). Output is
 * deterministic: the same world and options always give the same files.
 *
 * <pre>{@code
 * var generator = new BindingsGenerator(new BindingsGenerator.Options("values", "com.example.values"));
 * generator.writeTo(Wit.load(witDir, generator.options().witOptions()), outputDir);
 * }</pre>
 */
public final class BindingsGenerator {

    /**
     * What to generate.
     *
     * @param world       the world to generate: a plain name in the root package, {@code ns:pkg/world@ver},
     *                    or null for the root package's only world
     * @param javaPackage the Java package of every generated type
     * @param features    the {@code @unstable} WIT features to enable when loading WIT
     * @param allFeatures whether to enable every {@code @unstable} feature when loading WIT
     */
    public record Options(String world, String javaPackage, Set<String> features, boolean allFeatures) {

        public Options {
            Objects.requireNonNull(javaPackage, "javaPackage");
            if (!JavaNames.isPackageName(javaPackage)) {
                throw new BindingsException("'" + javaPackage + "' is not a valid Java package name");
            }
            features = Set.copyOf(features == null ? Set.of() : features);
        }

        /** Options for {@code world}, into {@code javaPackage}, with no unstable feature enabled. */
        public Options(String world, String javaPackage) {
            this(world, javaPackage, Set.of(), false);
        }

        /** These options with the given unstable features enabled. */
        public Options withFeatures(Set<String> enabled) {
            return new Options(world, javaPackage, enabled, allFeatures);
        }

        /** The options to load WIT with, so that exactly the selected features are kept. */
        public WitOptions witOptions() {
            WitOptions o = WitOptions.defaults().withFeatures(features);
            return allFeatures ? o.withAllFeatures() : o;
        }
    }

    private final Options options;

    public BindingsGenerator(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public Options options() {
        return options;
    }

    /**
     * Loads WIT from a file or package folder with the options' features, and generates the
     * selected world.
     */
    public List<JavaFile> generate(Path wit) {
        return generate(Wit.load(wit, options.witOptions()));
    }

    /**
     * Generates the selected world of an already loaded {@link Resolve}. Unstable features were
     * chosen when it was loaded: items of disabled features are not in it.
     */
    public List<JavaFile> generate(Resolve resolve) {
        World world = resolve.selectWorld(options.world());
        return new Generator(world, options.javaPackage()).generate();
    }

    /** Generates and writes the files under {@code outputDir} (in package folders); returns their paths. */
    public List<Path> writeTo(Resolve resolve, Path outputDir) {
        List<Path> written = new ArrayList<>();
        for (JavaFile f : generate(resolve)) {
            try {
                written.add(f.writeToPath(outputDir));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + f.typeSpec().name() + " under " + outputDir, e);
            }
        }
        return written;
    }
}
