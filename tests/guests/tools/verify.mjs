// Verifies every fixture in a folder and prints a size table (build.sh stores it
// as out/sizes.txt):
//   core module  -> wasm-validate --enable-all
//   component    -> jco print (decodes every section), jco wit (decodes the
//                   types), jco transpile (full validation), then
//                   wasm-validate --enable-all on each core module it extracts.
// Exits non-zero on the first failure.
import { readFile, readdir, mkdir, writeFile, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { dirname, join, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const jco = await import(pathToFileURL(join(here, '..', 'node_modules', '@bytecodealliance', 'jco', 'dist', 'api.js')).href);
const dir = process.argv[2];
const scratch = join(here, '..', 'build', 'verify');

function validate(path) {
  try {
    execFileSync('wasm-validate', ['--enable-all', path], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`wasm-validate --enable-all ${path}:\n${e.stderr}${e.stdout}`);
  }
}

const rows = [];
for (const f of (await readdir(dir)).filter((f) => f.endsWith('.wasm')).sort()) {
  const path = join(dir, f);
  const bytes = await readFile(path);
  const layer = bytes.readUInt16LE(6); // 0 = core module, 1 = component
  if (layer === 0) {
    validate(path);
    rows.push([f, 'core module', bytes.length, 1]);
    continue;
  }
  await jco.print(bytes);
  await jco.componentWit(bytes);
  const name = basename(f, '.wasm');
  const { files } = await jco.transpile(bytes, { name, quiet: true, noTypescript: true });
  const out = join(scratch, name);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  let cores = 0;
  for (const [file, content] of Object.entries(files)) {
    if (!file.endsWith('.wasm')) continue;
    const p = join(out, basename(file));
    await writeFile(p, content);
    validate(p);
    cores++;
  }
  rows.push([f, 'component', bytes.length, cores]);
}
console.log('# file                          kind          bytes   core-modules (validated)');
for (const [f, kind, size, cores] of rows) {
  console.log(`${f.padEnd(32)}${kind.padEnd(12)}${String(size).padStart(9)}   ${cores}`);
}
