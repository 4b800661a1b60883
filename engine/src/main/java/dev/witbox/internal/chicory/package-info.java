/**
 * The one package that talks to Chicory, the core WebAssembly engine. Everything above core wasm
 * (the instantiation plan, the canonical ABI, the public runtime API) sees only this package's
 * engine-neutral surface: {@link dev.witbox.internal.chicory.CoreModuleCode} (a module parsed and
 * compiled once), {@link dev.witbox.internal.chicory.CoreInstanceRef} (an instance and its exports),
 * the {@link dev.witbox.internal.chicory.CoreExtern} values that flow between instances, and
 * {@link dev.witbox.internal.chicory.CoreTrap}, the single type every core trap is mapped to.
 * Moving to another engine means rewriting this package only.
 */
package dev.witbox.internal.chicory;
