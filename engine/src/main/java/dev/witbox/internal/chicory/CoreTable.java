package dev.witbox.internal.chicory;

import com.dylibso.chicory.runtime.TableInstance;

/** A core table, shared by reference between the instances that import it. */
public final class CoreTable implements CoreExtern {

    final TableInstance table;

    CoreTable(TableInstance table) {
        this.table = table;
    }
}
