package dev.witbox.cli;

import dev.witbox.component.Component;
import dev.witbox.component.ComponentDecoder;
import dev.witbox.component.ComponentTypeListing;
import dev.witbox.component.ComponentWorld;
import dev.witbox.api.WitboxException;
import dev.witbox.component.ComponentWorldException;
import dev.witbox.component.CoreModule;
import dev.witbox.component.CoreModuleBinary;
import dev.witbox.component.CoreModuleInfo;
import dev.witbox.component.UnsupportedFeature;
import dev.witbox.component.WasmBinary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code witbox inspect FILE}: prints a component's world as WIT, or what a core module is. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = {
            "Print the WIT world of a WebAssembly component (its imports and exports), derived from its binary.",
            "For a core module: its imports and exports, and the world embedded in its component-type custom"
                    + " section if it has one."
        })
final class InspectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "a .wasm component or core module")
    private Path file;

    @Option(names = "--verbose", description = "also list the core modules with their sizes, then the decoder's"
            + " view of the sections and index spaces")
    private boolean verbose;

    @Override
    public Integer call() throws IOException {
        byte[] bytes = readFile(file);
        WasmBinary binary = RefusedFile.reading(file, () -> ComponentDecoder.permissive().decode(bytes));
        PrintWriter out = spec.commandLine().getOut();
        if (binary instanceof Component component) {
            try {
                out.print(ComponentWorld.of(component).print());
            } catch (ComponentWorldException e) {
                // WIT cannot say it: the component's type in the text format's terms says it instead
                out.println(";; no WIT world: " + e.getMessage());
                out.print(ComponentTypeListing.print(component));
            } catch (WitboxException e) {
                if (verbose) {
                    // what the decoder saw is still worth showing; the refusal follows on stderr
                    details(out, component);
                    out.flush();
                }
                throw RefusedFile.naming(file, e);
            }
            if (verbose) {
                out.println();
                details(out, component);
            }
        } else {
            coreModule(out, (CoreModuleBinary) binary);
        }
        out.flush();
        return ExitStatus.OK;
    }

    private static void details(PrintWriter out, Component component) {
        out.println("core modules:");
        coreModules(out, component, "");
        for (UnsupportedFeature f : component.unsupportedFeatures()) {
            out.println(f.message());
        }
        out.println();
        String dump = component.dump();
        out.print(dump);
        if (!dump.endsWith("\n")) {
            out.println();
        }
    }

    static byte[] readFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new UsageException("no such file: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new UsageException("not a file: " + file);
        }
        return Files.readAllBytes(file);
    }

    private static void coreModules(PrintWriter out, Component component, String prefix) {
        List<CoreModule> modules = component.coreModules();
        for (int i = 0; i < modules.size(); i++) {
            CoreModule m = modules.get(i);
            out.printf("  %score module %d: %d bytes at offset 0x%x%n", prefix, i, m.size(), m.offset());
        }
        List<Component> nested = component.nestedComponents();
        for (int i = 0; i < nested.size(); i++) {
            coreModules(out, nested.get(i), prefix + "component " + i + ", ");
        }
    }

    private void coreModule(PrintWriter out, CoreModuleBinary binary) {
        byte[] bytes = binary.bytes();
        CoreModuleInfo info = CoreModuleInfo.read(bytes);
        out.println("core module (" + bytes.length + " bytes), not a component");
        out.println("imports:" + (info.imports().isEmpty() ? " none" : ""));
        for (CoreModuleInfo.Entry e : info.imports()) {
            out.println("  " + e.module() + " " + e.name() + ": " + e.kind() + detail(e));
        }
        out.println("exports:" + (info.exports().isEmpty() ? " none" : ""));
        for (CoreModuleInfo.Entry e : info.exports()) {
            out.println("  " + e.name() + ": " + e.kind() + detail(e));
        }
        if (verbose) {
            out.println("custom sections:" + (info.customSections().isEmpty() ? " none" : ""));
            for (CoreModuleInfo.CustomSection c : info.customSections()) {
                out.printf("  \"%s\": %d bytes at offset 0x%x%n", c.name(), c.size(), c.offset());
            }
        }
        for (ComponentWorld w : ComponentWorld.embedded(bytes)) {
            out.println();
            out.println("embedded world (component-type custom section):");
            out.print(w.print());
        }
    }

    private static String detail(CoreModuleInfo.Entry e) {
        return e.detail().isEmpty() ? "" : " " + e.detail();
    }
}
