// The jco oracle: computes the expected result of every case of every guest.
//
//   node oracle/oracle.mjs [--check] [--only NAME] [--timeout SECONDS]
//
// For each tests/guests/**/NAME.cases it takes the component out/NAME.wasm
// (or build/NAME/NAME.wasm for guests too large to commit), reads its WIT with
// `jco wit` (so argument/result types come from the component itself), runs
// `jco transpile` into build/oracle/NAME/, and runs each case on a fresh
// instance in node. Results are written as WAVE to NAME.expected beside the
// cases file, one `CALL => RESULT` line per case in the same order. Where a
// case carries its own expectation (`=> VALUE` or `=> trap`) and jco's answer
// differs, that is reported and written to NAME.disagreements.
// --check recomputes everything and fails if any NAME.expected would change.
import { readFile, writeFile, readdir, mkdir, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseCasesFile } from './cases.mjs';
import { parseWit } from './wit.mjs';
import { toJs, toWave } from './wave.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const nm = join(root, 'node_modules', '@bytecodealliance');
const jco = await import(pathToFileURL(join(nm, 'jco', 'dist', 'api.js')).href);

const argv = process.argv.slice(2);
const check = argv.includes('--check');
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? argv[onlyAt + 1] : null;
const toAt = argv.indexOf('--timeout');
const timeoutMs = (toAt >= 0 ? Number(argv[toAt + 1]) : 10) * 1000;

async function findCases(dir, acc = []) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (['node_modules', 'build', 'out', '.git'].includes(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await findCases(p, acc);
    else if (e.name.endsWith('.cases')) acc.push(p);
  }
  return acc.sort();
}

function componentFor(name) {
  for (const p of [join(root, 'out', `${name}.wasm`), join(root, 'build', name, `${name}.wasm`)]) {
    if (existsSync(p)) return p;
  }
  return null;
}

// The WIT the oracle reads types from: `jco wit` of the component (its world,
// with full signatures of world-level functions), plus the guest's source WIT
// (NAME.wit or world.wit beside the cases) as a nested package, because
// `jco wit` only names exported interfaces without defining them.
async function componentTypes(bytes, casesPath, name) {
  let text = await jco.componentWit(bytes);
  const dir = dirname(casesPath);
  const src = [join(dir, `${name}.wit`), join(dir, 'world.wit')].find((p) => existsSync(p));
  if (src) {
    const body = await readFile(src, 'utf8');
    const m = /^\s*package\s+([^;{\s]+)\s*;/m.exec(body.replace(/\/\/.*$/gm, ''));
    if (!m) throw new Error(`${src}: expected a top-level 'package NAME;'`);
    text += `\npackage ${m[1]} {\n${body.replace(/^\s*package\s+[^;{\s]+\s*;/m, '')}\n}\n`;
  }
  return text;
}

// Run cases [from..] in a worker; restart after a hang with the next case.
function runAll(workerData, count) {
  const results = new Array(count);
  return new Promise((resolve, reject) => {
    const start = (from) => {
      if (from >= count) { resolve(results); return; }
      const w = new Worker(join(here, 'run-worker.mjs'), { workerData: { ...workerData, from } });
      let current = from;
      let timer = null;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          results[current] = `<trap> timeout: no result after ${timeoutMs / 1000}s (killed)`;
          w.terminate().then(() => start(current + 1));
        }, timeoutMs);
      };
      let finished = false;
      w.on('message', (m) => {
        if (m.start !== undefined) { current = m.start; arm(); return; }
        if (m.done) { finished = true; clearTimeout(timer); resolve(results); return; }
        if (m.out && m.out.error) { clearTimeout(timer); finished = true; w.terminate(); reject(new Error(m.out.error)); return; }
        results[m.i] = m.out;
      });
      w.on('error', (e) => {
        clearTimeout(timer);
        // e.g. a RangeError escaping a worker: count it as that case's trap and go on
        results[current] = `<trap> ${`${e.name}: ${e.message}`.split('\n')[0]} (worker died)`;
        start(current + 1);
      });
      w.on('exit', () => { clearTimeout(timer); if (!finished && results[current] === undefined) reject(new Error('worker exited early')); });
    };
    start(0);
  });
}

// Canonical WAVE of a hand-written expectation, rendered through the type.
function canonical(expect, type) {
  if (!type) return expect.text;
  try { return toWave(toJs(expect.value, type, new Map()), type); } catch { return expect.text; }
}

let failed = false;
let total = 0;
for (const casesPath of await findCases(root)) {
  const name = basename(casesPath, '.cases');
  if (only && name !== only && basename(dirname(casesPath)) !== only) continue;
  const rel = relative(root, casesPath);
  const comp = componentFor(name);
  if (!comp) {
    console.error(`oracle: SKIP ${rel}: no component out/${name}.wasm or build/${name}/${name}.wasm (build it first)`);
    if (!name.startsWith('js-')) failed = true;
    continue;
  }
  const bytes = await readFile(comp);
  const witText = await componentTypes(bytes, casesPath, name);
  const wit = parseWit(witText);
  const jsDir = join(root, 'build', 'oracle', name);
  await rm(jsDir, { recursive: true, force: true });
  await mkdir(jsDir, { recursive: true });
  const jsName = name.replace(/[^A-Za-z0-9_]/g, '_');
  const cases = parseCasesFile(await readFile(casesPath, 'utf8'), rel);
  let results;
  const tr = spawnSync('node', [join(root, 'tools', 'transpile.mjs'), comp, jsDir, jsName, '--instantiation'], { encoding: 'utf8' });
  if (tr.status === 0) {
    const { imports } = JSON.parse(tr.stdout);
    results = await runAll({ jsDir, jsName, witText, casesFile: casesPath, imports, shimDir: join(nm, 'preview2-shim') }, cases.length);
  } else if (tr.status === 3) {
    // jco cannot transpile this component at all: every case says so.
    const why = tr.stderr.trim().split('\n').pop();
    results = cases.map(() => `<unsupported> ${why}`);
  } else {
    throw new Error(`transpile.mjs ${comp} failed:\n${tr.stderr}`);
  }
  total += cases.length;

  const lines = [];
  const disagreements = [];
  cases.forEach((c, i) => {
    const got = results[i];
    lines.push(`${c.call} => ${got}`);
    if (!c.expect) return;
    const last = c.stmts[c.stmts.length - 1];
    const f = last.drop ? null : wit.exports.get(last.name);
    const ok = c.expect.trap ? got.startsWith('<trap>') : canonical(c.expect, f && f.result) === got;
    if (!ok) disagreements.push(`${rel}:${c.line}: ${c.call}\n  cases says: ${c.expect.trap ? 'trap' : c.expect.text}\n  jco says:   ${got.length > 300 ? `${got.slice(0, 300)}… (${got.length} chars)` : got}`);
  });
  const expectedPath = join(dirname(casesPath), `${name}.expected`);
  const disPath = join(dirname(casesPath), `${name}.disagreements`);
  const text = lines.join('\n') + '\n';
  const disText = disagreements.length ? disagreements.join('\n') + '\n' : null;
  if (check) {
    const old = existsSync(expectedPath) ? await readFile(expectedPath, 'utf8') : '';
    if (old !== text) {
      failed = true;
      const a = old.split('\n'), b = text.split('\n');
      console.error(`oracle --check: ${relative(root, expectedPath)} differs from what jco computes now:`);
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        if (a[i] !== b[i]) console.error(`  line ${i + 1}:\n    committed: ${(a[i] ?? '<none>').slice(0, 300)}\n    jco now:   ${(b[i] ?? '<none>').slice(0, 300)}`);
      }
    }
    const oldDis = existsSync(disPath) ? await readFile(disPath, 'utf8') : null;
    if (oldDis !== disText) { failed = true; console.error(`oracle --check: ${relative(root, disPath)} is out of date`); }
  } else {
    await writeFile(expectedPath, text);
    if (disText) await writeFile(disPath, disText); else await rm(disPath, { force: true });
  }
  console.error(`oracle: ${rel}: ${cases.length} cases, ${disagreements.length} disagreement(s) with the cases file`);
  for (const d of disagreements) console.error('  ' + d.replace(/\n/g, '\n  '));
}
console.error(`oracle: ${total} cases${check ? ' checked' : ' written'}${failed ? ' — FAILED' : ''}`);
process.exit(failed ? 1 : 0);
