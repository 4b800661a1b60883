// node tools/componentize-js.mjs SOURCE.js WORLD.wit WORLD OUT.wasm
// Builds a JavaScript guest with the pinned componentize-js.
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const { componentize } = await import(pathToFileURL(join(here, '..', 'node_modules', '@bytecodealliance', 'componentize-js', 'src', 'componentize.js')).href);
const [source, wit, world, out] = process.argv.slice(2);
if (!out) { console.error('usage: componentize-js.mjs SOURCE.js WORLD.wit WORLD OUT.wasm'); process.exit(2); }
const { component } = await componentize({
  // default features: the component imports WASI stdio, clocks, random, filesystem and http, as a
  // plugin built this way in the wild does; the host must link them all
  sourcePath: resolve(source), witPath: resolve(wit), worldName: world,
});
await writeFile(out, component);
