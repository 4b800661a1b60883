package dev.witbox.internal.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExportSection;

/** An instantiated core module: its exports, looked up by name. */
public final class CoreInstanceRef {

    private final Instance instance;
    private final String name;

    CoreInstanceRef(Instance instance, String name) {
        this.instance = instance;
        this.name = name;
    }

    /** The export called {@code exportName}, or null if the module exports nothing by that name. */
    public CoreExtern export(String exportName) {
        ExportSection exports = instance.module().exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            Export e = exports.getExport(i);
            if (e.name().equals(exportName)) {
                return switch (e.exportType()) {
                    case FUNCTION -> CoreFunc.exported(instance, exportName);
                    case MEMORY -> new CoreMemory(instance.exports().memory(exportName));
                    case TABLE -> new CoreTable(instance.exports().table(exportName));
                    case GLOBAL -> new CoreGlobal(instance.exports().global(exportName));
                    case TAG -> throw new IllegalStateException("tag exports are not supported: " + exportName);
                };
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "CoreInstance[" + name + "]";
    }
}
