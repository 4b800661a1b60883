// Verifies every fixture in a folder and prints a size table (build.sh stores it
// as out/sizes.txt):
//   core module  -> wasm-validate --enable-all
//   component    -> jco print (decodes every section) and jco wit (decodes the
//                   types) must succeed; every embedded core module (found by
//                   component-cores.mjs, nested components included) must
//                   pass wasm-validate --enable-all; and `jco transpile` is
//                   tried: where jco can't handle a component (e.g. it has no
//                   latin1+utf16 support) the table says so, the build goes on.
// Exits non-zero on the first real failure.
import { readFile, readdir, mkdir, writeFile, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { dirname, join, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { coreModules } from './component-cores.mjs';

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

// jco transpile in a process of its own (see transpile.mjs): '' or why it failed.
function transpileError(path, out) {
  try {
    execFileSync('node', [join(here, 'transpile.mjs'), path, join(out, 'js'), 'x'], { stdio: ['ignore', 'pipe', 'pipe'] });
    return '';
  } catch (e) {
    if (e.status !== 3) throw new Error(`transpile.mjs ${path}: ${e.stderr}`);
    return String(e.stderr).trim().split('\n').pop();
  }
}

const rows = [];
for (const f of (await readdir(dir)).filter((f) => f.endsWith('.wasm')).sort()) {
  const path = join(dir, f);
  const bytes = await readFile(path);
  const layer = bytes.readUInt16LE(6); // 0 = core module, 1 = component
  if (layer === 0) {
    validate(path);
    rows.push([f, 'core module', bytes.length, 1, '-']);
    continue;
  }
  await jco.print(bytes);
  await jco.componentWit(bytes);
  const name = basename(f, '.wasm');
  const out = join(scratch, name);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const cores = coreModules(bytes);
  for (const c of cores) {
    const p = join(out, `${c.path.replace(/\//g, '.')}.wasm`);
    await writeFile(p, c.bytes);
    validate(p);
  }
  const err = transpileError(path, out);
  const transpile = err ? `UNSUPPORTED: ${err}` : 'ok';
  rows.push([f, 'component', bytes.length, cores.length, transpile]);
}
console.log('# file                          kind          bytes  cores  jco transpile');
for (const [f, kind, size, cores, tr] of rows) {
  console.log(`${f.padEnd(32)}${kind.padEnd(12)}${String(size).padStart(9)}  ${String(cores).padStart(5)}  ${tr}`);
}
