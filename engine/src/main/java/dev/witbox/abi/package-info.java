/**
 * The canonical ABI of the WebAssembly component model, for synchronous calls: how component
 * values are laid out in a guest's linear memory and flattened into core values, and how calls
 * cross between the host and a guest.
 *
 * <p>The runtime builds a {@link dev.witbox.abi.FunctionPlan} (the codecs) once per function type
 * and binds it, per instance, into a {@link dev.witbox.abi.LiftedFunction} for each guest export it
 * calls and a {@link dev.witbox.abi.LoweredFunction} for each host function a guest imports, with
 * the definition's {@link dev.witbox.abi.CanonicalOptions}. A {@link dev.witbox.abi.ComponentInstance} holds each
 * instance's handle table and reentrance flags and offers the resource built-ins. Guest memory is
 * reached only through {@link dev.witbox.abi.GuestMemory}, and every rule a guest can break is
 * reported as a {@link dev.witbox.abi.CanonicalAbiTrap}.
 *
 * <p>Nothing here knows which core-wasm engine runs the guest.
 */
package dev.witbox.abi;
