/**
 * Decoder and validator for the WebAssembly component binary format ({@code design/mvp/Binary.md},
 * version 0x0d, layer 1).
 *
 * <p>Entry point: {@link dev.witbox.component.ComponentDecoder}. It turns bytes into an immutable
 * {@link dev.witbox.component.Component} (or recognises a layer-0 core module as a
 * {@link dev.witbox.component.CoreModuleBinary}) and throws only
 * {@link dev.witbox.component.ComponentDecodeException}, whose message names the section, the byte offset
 * (hex and decimal) and what was expected versus found.
 *
 * <h2>Decoded</h2>
 * Every section of Binary.md in any order and repetition: custom sections (kept by name; the
 * {@code component-name} section decoded leniently), core modules (raw bytes plus offset, for Chicory), core
 * instances, core types (function and module types; GC types are refused), nested components, instances,
 * aliases, types (every {@code defvaltype}, function, component, instance and resource types), every canon
 * opcode, start, imports, exports (with {@code nameattributes}: {@code implements}, {@code versionsuffix},
 * {@code external-id}) and values.
 *
 * <h2>Validated while decoding</h2>
 * <ul>
 *   <li>structure: preamble, LEB128 ranges, section sizes equal to their contents, vector counts against the
 *       remaining bytes (before allocating), strict UTF-8, a nesting limit of
 *       100 scopes;</li>
 *   <li>index spaces: every index against the space of its sort, built incrementally per scope (component,
 *       component type, instance type, module type), outer aliases against enclosing scopes, allowed sorts of
 *       aliases/exports/instantiation arguments, no resource types across component boundaries;</li>
 *   <li>names: kebab-case labels, the {@code externname} grammar, strong uniqueness of imports, exports and
 *       labels, attribute rules, {@code [constructor]}/{@code [method]}/{@code [static]} names (function sort,
 *       preceding resource of that name, and their signatures when the types resolve);</li>
 *   <li>types: non-empty records/variants/tuples/enums, 1..32 flags, handles to resource types, value types
 *       that are value types, no borrows in function results or stream/future payloads, no resource
 *       definitions inside type declarators, resource representation i32, the Canonical ABI element-size bound
 *       of 2^28;</li>
 *   <li>canon: well-formed options (each at most once, realloc needs memory, post-return only on lift,
 *       callback needs async), the memory/realloc options each lift/lower needs given its function type
 *       (strings, lists, more than 16 flat parameters or 1 flat result), and the core signatures of lift
 *       callees, realloc, post-return and resource destructors whenever they are statically known (core
 *       functions from inline core modules, from {@code canon lower} and resource built-ins);</li>
 *   <li>instantiation: component arguments present with the imported sort; export aliases against the exports
 *       of instances whose type is known (imports, inline exports, instances of nested components), core
 *       export aliases against what inline core modules export.</li>
 * </ul>
 *
 * <h2>Reported as unsupported</h2>
 * Gated features are decoded, recorded as {@link dev.witbox.component.UnsupportedFeature}s with their offset,
 * and rejected by {@link dev.witbox.component.ComponentDecoder#strict()}: async function types and the
 * {@code async}/{@code callback} options, every 🔀 concurrency, 📝 error-context and 🧵 thread built-in,
 * {@code stream}/{@code future}/{@code error-context} types, 🔧 fixed-size lists, 🗺️ maps, 🪙 values, value
 * imports/exports and start definitions, 🪺 nested interface names, shared and 64-bit memories in module
 * types.
 *
 * <h2>Deferred to instantiation</h2>
 * Full subtyping and type equality (export ascriptions, instantiation argument types, type substitution of
 * imported types), core module validity and core instantiation (module imports satisfied by arguments), the
 * memory type behind a {@code memory} option, core signatures of functions exported by imported core modules
 * or instances of unknown type, the "resources in exported types must be exported" rule, and type checks that
 * need types reached only through instances of unknown type (these resolve to "unknown" and the dependent
 * check is skipped, never guessed).
 */
package dev.witbox.component;
