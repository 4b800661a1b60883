/**
 * Running components: the dynamic API.
 *
 * <p>{@link dev.witbox.runtime.WitboxEngine} loads a component into a {@link dev.witbox.runtime.Plugin}
 * (decode, then plan: the component tree is walked once, nested instances, aliases and imported types
 * resolved statically, core modules compiled once), which creates {@link dev.witbox.runtime.PluginInstance}s
 * (replaying the plan: core instantiations in order, trampolines for lowered functions and resource
 * built-ins). A call reads left to right: lower the arguments, call the core function, lift the result,
 * post-return, all through {@code dev.witbox.abi}'s call plans. Host functions the plugin imports come from
 * {@link dev.witbox.runtime.HostImports}, checked against the plugin's import types when an instance is made.
 *
 * <p>Supported: components of the MVP (sync functions, every value type, resources defined by the component,
 * string encodings utf8 / utf16 / latin1+utf16), nested components and component-to-component calls
 * (lifted out of one instance, lowered into the other), the wit-component adapter layout (shim and fixup
 * modules sharing a table), host-implemented functions in world-level or interface imports. Not yet: async,
 * streams, futures, threads, error contexts, value imports, component start functions, importing core
 * modules or components from the host, resources passed between two component instances, and plain core
 * modules without an embedded world (WASI preview 1 modules among them).
 *
 * <p>A plain core module whose {@code component-type} custom section carries its WIT world (what
 * {@code wasm-tools component embed} produces) is loaded as the component {@code wasm-tools component new}
 * would make of it, its exports, imports, memory, realloc, post-return and resource built-ins found by the
 * canonical core module naming conventions ({@code EmbeddedPlanner}).
 */
package dev.witbox.runtime;
