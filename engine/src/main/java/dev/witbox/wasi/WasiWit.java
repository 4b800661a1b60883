package dev.witbox.wasi;

import dev.witbox.abi.FunctionType;
import dev.witbox.abi.WitTypes;
import dev.witbox.wit.Function;
import dev.witbox.wit.Interface;
import dev.witbox.wit.Resolve;
import dev.witbox.wit.Wit;
import dev.witbox.wit.WitOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WASI 0.2 interfaces witbox implements, as stated in {@code /wasi/0.2/*.wit} (one file per
 * package, each a {@code package wasi:x@0.2.12 { ... }} block), parsed and resolved once by the
 * project's own WIT front end and converted to {@link FunctionType}s.
 */
public final class WasiWit {

    /** The version the WIT files state; any 0.2.x a component imports is linked to them. */
    public static final String VERSION = "0.2.12";

    static final List<String> FILES = List.of("io.wit", "clocks.wit", "random.wit", "filesystem.wit", "sockets.wit", "cli.wit", "http.wit");

    private static volatile WasiWit instance;

    private final Resolve resolve;
    /** Unversioned interface name ({@code wasi:io/streams}) to function name to type. */
    private final Map<String, Map<String, FunctionType>> functions;

    private WasiWit(Resolve resolve, Map<String, Map<String, FunctionType>> functions) {
        this.resolve = resolve;
        this.functions = functions;
    }

    /** The interfaces, loaded on first use. */
    public static WasiWit get() {
        WasiWit w = instance;
        if (w == null) {
            synchronized (WasiWit.class) {
                w = instance;
                if (w == null) {
                    w = load();
                    instance = w;
                }
            }
        }
        return w;
    }

    private static WasiWit load() {
        StringBuilder text = new StringBuilder();
        for (String f : FILES) {
            text.append(read("/wasi/0.2/" + f)).append('\n');
        }
        Resolve resolve = Wit.parse("wasi-0.2.wit", text.toString(), WitOptions.defaults());
        WitTypes types = new WitTypes();
        Map<String, Map<String, FunctionType>> functions = new LinkedHashMap<>();
        for (Interface iface : resolve.interfaces()) {
            if (iface.name() == null) {
                continue;
            }
            Map<String, FunctionType> fs = new LinkedHashMap<>();
            for (Function f : iface.allFunctions()) {
                fs.put(f.canonicalName(), types.functionType(f));
            }
            functions.put(iface.pkg().name().withoutVersion() + "/" + iface.name(), Collections.unmodifiableMap(fs));
        }
        return new WasiWit(resolve, Collections.unmodifiableMap(functions));
    }

    private static String read(String resource) {
        try (InputStream in = WasiWit.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resolved WIT packages ({@code wasi:io}, {@code wasi:clocks}, {@code wasi:random}, {@code wasi:filesystem}, {@code wasi:cli}). */
    public Resolve resolve() {
        return resolve;
    }

    /** Unversioned interface names ({@code wasi:io/streams}) to their functions' types. */
    public Map<String, Map<String, FunctionType>> functions() {
        return functions;
    }

    /** The type of one function, or null. */
    public FunctionType function(String unversionedInterface, String functionName) {
        Map<String, FunctionType> fs = functions.get(unversionedInterface);
        return fs == null ? null : fs.get(functionName);
    }
}
