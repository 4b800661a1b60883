// node tools/transpile.mjs COMPONENT.wasm OUTDIR NAME [--instantiation]
// Runs `jco transpile` in a process of its own: when jco's wasm-hosted
// bindgen panics (a component it doesn't support) the instance it ran in is
// poisoned ("cannot enter component instance"), so every transpile gets a
// fresh one. Prints {"imports": [...], "exports": [...]} on success; on
// failure exits 3 with the bindgen's panic message as the last stderr line.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const jco = await import(pathToFileURL(join(here, '..', 'node_modules', '@bytecodealliance', 'jco', 'dist', 'api.js')).href);
const [comp, outDir, name, flag] = process.argv.slice(2);
const write = process.stderr.write.bind(process.stderr);
let captured = '';
process.stderr.write = (chunk) => { captured += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'); return true; };
let res;
try {
  res = await jco.transpile(await readFile(comp), {
    name, quiet: true, noTypescript: true, ...(flag === '--instantiation' ? { instantiation: 'async' } : {}),
  });
} catch (e) {
  process.stderr.write = write;
  const panic = (/panicked at [^\n]*\n([^\n]+)/.exec(captured) || [])[1];
  write(`${captured}\n${panic ? `jco bindgen panicked: ${panic}` : String(e).split('\n')[0]}\n`);
  process.exit(3);
}
process.stderr.write = write;
for (const [f, content] of Object.entries(res.files)) {
  await mkdir(dirname(join(outDir, f)), { recursive: true });
  await writeFile(join(outDir, f), content);
}
console.log(JSON.stringify({ imports: res.imports, exports: res.exports }));
