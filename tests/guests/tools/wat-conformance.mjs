// node tools/wat-conformance.mjs [--check]
// Builds the component-model conformance cases of wat-conformance/{valid,invalid,refused}/*.wat:
// each source becomes NAME.wasm through jco's `parse` (wasm-tools' text encoder, which encodes
// without validating), and NAME.oracle records what an independent validator says of the binary:
// wasm-tools' component validator, which `jco transpile` runs before it generates anything.
//   valid                      the validator accepted it (a later bindgen refusal does not count)
//   invalid: MESSAGE           the validator refused it, with its message
// With --check nothing is written: any binary or verdict that differs from the committed one fails.
// Every transpile runs in a process of its own (tools/validate-one.mjs): a bindgen panic poisons the
// wasm instance it ran in.
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', 'wat-conformance');
const check = process.argv.includes('--check');
const jco = await import(pathToFileURL(join(here, '..', 'node_modules', '@bytecodealliance', 'jco', 'dist', 'api.js')).href);

function verdict(wasmPath) {
  try {
    return execFileSync(process.execPath, [join(here, 'validate-one.mjs'), wasmPath], { encoding: 'utf8' }).trim();
  } catch (e) {
    throw new Error(`validate-one failed on ${wasmPath}: ${e.stderr || e.message}`);
  }
}

let failures = 0;
let count = 0;
for (const dir of ['valid', 'invalid', 'refused']) {
  const folder = join(root, dir);
  if (!existsSync(folder)) continue;
  for (const file of (await readdir(folder)).filter((f) => f.endsWith('.wat')).sort()) {
    count++;
    const base = join(folder, file.slice(0, -4));
    const wasm = Buffer.from(await jco.parse(await readFile(`${base}.wat`, 'utf8')));
    const target = check ? `${base}.check.tmp.wasm` : `${base}.wasm`;
    if (check) {
      const committed = existsSync(`${base}.wasm`) ? await readFile(`${base}.wasm`) : null;
      if (!committed || !committed.equals(wasm)) {
        console.error(`${dir}/${file}: the committed .wasm is not what jco parse makes of the source`);
        failures++;
      }
    }
    await writeFile(target, wasm);
    const v = verdict(target);
    if (check) {
      execFileSync('rm', ['-f', target]);
      const committed = existsSync(`${base}.oracle`) ? (await readFile(`${base}.oracle`, 'utf8')).trim() : null;
      if (committed !== v) {
        console.error(`${dir}/${file}: the validator now says\n  ${v}\nbut ${file.slice(0, -4)}.oracle says\n  ${committed}`);
        failures++;
      }
    } else {
      await writeFile(`${base}.oracle`, `${v}\n`);
    }
  }
}
console.error(`wat-conformance: ${count} cases${check ? `, ${failures} differences` : ' built'}`);
process.exit(failures ? 1 : 0);
