package dev.witbox.internal.chicory;

import com.dylibso.chicory.runtime.GlobalInstance;

/** A core global, shared by reference (mutable globals stay shared) between importing instances. */
public final class CoreGlobal implements CoreExtern {

    final GlobalInstance global;

    CoreGlobal(GlobalInstance global) {
        this.global = global;
    }
}
