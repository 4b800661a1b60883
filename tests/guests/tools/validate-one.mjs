// node tools/validate-one.mjs COMPONENT.wasm
// Prints the verdict of wasm-tools' component validator (run by `jco transpile` before it generates
// any binding) on one line: `valid`, or `invalid: MESSAGE`. Validation errors are the ones wasmparser
// reports with a byte offset ("... (at offset 0x..)"); a transpile failure without one comes from
// the bindings generator after validation passed (e.g. a type export it does not bind), so the
// binary is valid.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const jco = await import(pathToFileURL(join(here, '..', 'node_modules', '@bytecodealliance', 'jco', 'dist', 'api.js')).href);
const write = process.stderr.write.bind(process.stderr);
process.stderr.write = () => true; // bindgen panics print to stderr; only the thrown message counts
let line = 'valid';
try {
  await jco.transpile(await readFile(process.argv[2]), { name: 'conformance', quiet: true, noTypescript: true });
} catch (e) {
  const causes = String(e && e.message ? e.message : e).split('\n').map((l) => l.trim())
    .filter((l) => l && l !== 'Caused by:');
  const located = causes.filter((l) => /\(at offset 0x[0-9a-f]+\)/.test(l));
  if (located.length) {
    line = `invalid: ${causes.slice(1).join('; ')}`;
  }
}
process.stderr.write = write;
console.log(line);
