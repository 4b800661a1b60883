// The node:wasi oracle for WASI preview 1: runs every scenario of wasi-p1/wasi-p1.scenarios on
// node's built-in node:wasi (libuv's uvwasi, a preview 1 host independent of witbox, Chicory and
// wasmtime) with the core module out/wasi/PROGRAM.p1.wasm, in a fresh folder per scenario (the
// preopen /data, empty, next to outside/secret), and writes its exit code and output to
// wasi-p1/wasi-p1.expected. --check compares instead of writing, and checks that every recorded
// deviation of node:wasi (wasi-p1/wasi-p1.disagreements) still matches what node prints.
// Installs nothing: node:wasi ships with node (v20: experimental, hence the warning it prints).
import { WASI } from 'node:wasi';
import { readFileSync, writeFileSync, mkdtempSync, mkdirSync, openSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const dir = join(root, 'wasi-p1');
const check = process.argv.includes('--check');
const unescape = (s) => s.replace(/\\(n|\\)/g, (_, c) => (c === 'n' ? '\n' : '\\'));

export function parseScenarios(text) {
  const out = [];
  let cur = null;
  for (const line of text.split('\n')) {
    const head = /^\[([^\]]+)\]\s*program=(\S+)\s*$/.exec(line);
    if (head) {
      cur = { label: head[1], program: head[2], args: [], env: [] };
      out.push(cur);
      continue;
    }
    if (!line.trim() || line.startsWith('#')) continue;
    if (!cur) throw new Error(`wasi-p1.scenarios: '${line}' before the first [scenario]`);
    const sp = line.indexOf(' ');
    const key = sp < 0 ? line : line.slice(0, sp);
    const value = unescape(sp < 0 ? '' : line.slice(sp + 1));
    if (key === 'arg') cur.args.push(value);
    else if (key === 'env') cur.env.push([value.slice(0, value.indexOf('=')), value.slice(value.indexOf('=') + 1)]);
    else throw new Error(`wasi-p1.scenarios: unknown key ${key} in [${cur.label}]`);
  }
  return out;
}

async function run(s) {
  const tmp = mkdtempSync(join(tmpdir(), 'node-wasi-'));
  try {
    mkdirSync(join(tmp, 'data'));
    mkdirSync(join(tmp, 'outside'));
    writeFileSync(join(tmp, 'outside', 'secret'), 'secret');
    const outFd = openSync(join(tmp, 'stdout'), 'w');
    const errFd = openSync(join(tmp, 'stderr'), 'w');
    const wasi = new WASI({
      version: 'preview1', args: s.args, env: Object.fromEntries(s.env),
      preopens: { '/data': join(tmp, 'data') }, returnOnExit: true, stdout: outFd, stderr: errFd,
    });
    const module = await WebAssembly.compile(readFileSync(join(root, 'out', 'wasi', `${s.program}.p1.wasm`)));
    let exit;
    try {
      exit = wasi.start(await WebAssembly.instantiate(module, wasi.getImportObject()));
    } catch (e) {
      exit = `trap ${e.message}`;
    }
    closeSync(outFd);
    closeSync(errFd);
    const lines = (name, key) => readFileSync(join(tmp, name), 'utf8').split('\n').slice(0, -1).map((l) => `${key} ${l}`);
    return [`[${s.label}]`, `exit ${exit}`, ...lines('stdout', 'out'), ...lines('stderr', 'err')].join('\n');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const scenarios = parseScenarios(readFileSync(join(dir, 'wasi-p1.scenarios'), 'utf8'));
const blocks = [];
for (const s of scenarios) blocks.push(await run(s));
const text = '# what node:wasi (uvwasi, node 20+) prints for wasi-p1.scenarios; written by oracle/node-wasi.mjs\n'
  + blocks.join('\n\n') + '\n';
const expectedPath = join(dir, 'wasi-p1.expected');
let failed = false;
if (check) {
  let old = '';
  try { old = readFileSync(expectedPath, 'utf8'); } catch { /* missing */ }
  if (old !== text) {
    console.error('node-wasi.mjs: wasi-p1.expected differs from what node:wasi prints now; rerun oracle.sh');
    const a = old.split('\n');
    const b = text.split('\n');
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (a[i] !== b[i]) { console.error(`  line ${i + 1}:\n    file: ${a[i]}\n    node: ${b[i]}`); break; }
    }
    failed = true;
  }
} else {
  writeFileSync(expectedPath, text);
}
// every recorded deviation must still be what node prints: a stale one hides nothing
const byLabel = new Map(blocks.map((b) => [b.slice(1, b.indexOf(']')), b.split('\n')]));
let label = null;
for (const line of readFileSync(join(dir, 'wasi-p1.disagreements'), 'utf8').split('\n')) {
  const head = /^\[([^\]]+)\]$/.exec(line);
  if (head) { label = head[1]; if (!byLabel.has(label)) { console.error(`node-wasi.mjs: disagreement for unknown scenario [${label}]`); failed = true; } continue; }
  if (line.startsWith('- ') && label && !byLabel.get(label).includes(line.slice(2))) {
    console.error(`node-wasi.mjs: [${label}] node:wasi no longer prints '${line.slice(2)}' (wasi-p1.disagreements is stale)`);
    failed = true;
  }
}
console.error(`node-wasi.mjs: ${scenarios.length} scenarios on node:wasi ${check ? 'checked' : 'written'}`);
process.exit(failed ? 1 : 0);
