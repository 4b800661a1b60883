package dev.witbox.runtime;

import dev.witbox.api.WitboxException;
import dev.witbox.internal.chicory.CompiledCodeSources;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Compiles a plugin's core modules when the application is built, into its classes directory, so that
 * {@link WitboxEngine} loads them at run time without compiling anything ({@code witbox-maven-plugin}'s
 * {@code precompile} goal calls this).
 *
 * <p>The plugin is loaded exactly as an engine loads it (decoded, type-checked, each core module rewritten for
 * the call-depth limit and compiled), and each module's compiled classes are written to
 * {@code META-INF/witbox/compiled/<key hash>.chicory} under the classes directory, in the compile cache's entry
 * format and under its key: the module as shipped, the call-depth limit, the witbox and Chicory versions. An
 * engine finds them on its class path ({@link WitboxEngine.Builder#buildTimeClasses(ClassLoader)}) when it runs
 * with the same versions and limit; otherwise it compiles as usual.
 */
public final class BuildTimeCompiler {

    private BuildTimeCompiler() {}

    /**
     * Compiles {@code plugin}'s core modules into {@code classesDirectory}, for engines whose call-depth limit is
     * {@code maxCallDepth} ({@link WitboxEngine#DEFAULT_MAX_CALL_DEPTH} unless the application sets another).
     * A module whose entry is already there and intact is not compiled again.
     *
     * @return the entry files of the plugin's modules, written now or found up to date
     * @throws WitboxException when the plugin does not load (the same errors as {@link WitboxEngine#load})
     */
    public static List<Path> compile(String pluginId, byte[] plugin, int maxCallDepth, Path classesDirectory) {
        Objects.requireNonNull(classesDirectory, "classesDirectory");
        CompiledCodeSources recording = CompiledCodeSources.recordingInto(classesDirectory);
        WitboxEngine engine = WitboxEngine.forBuildTime(WitboxEngine.builder().maxCallDepth(maxCallDepth), recording);
        engine.load(pluginId, plugin);
        return recording.recordedFiles();
    }
}
