// The jco oracle for the WASI probe: runs every scenario of wasi-probe/wasi-probe.scenarios on
// out/wasi/wasi-probe.wasm transpiled by jco, under node's preview2 shim (each in a child process,
// wasi-child.mjs, with a fresh directory tree like WasiScenarioTest's), and writes what it printed and
// returned to wasi-probe/wasi-probe.expected; where that differs from the scenario, the difference goes
// to wasi-probe.disagreements. --check compares instead of writing.
import { readFile, writeFile, mkdir, rm, mkdtemp, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const check = process.argv.includes('--check');
const scenariosPath = join(root, 'wasi-probe', 'wasi-probe.scenarios');
const expectedPath = join(root, 'wasi-probe', 'wasi-probe.expected');
const disPath = join(root, 'wasi-probe', 'wasi-probe.disagreements');

function parse(text) {
  const out = [];
  let cur = null;
  for (const line of text.split('\n')) {
    const head = /^\[([^\]]+)\]\s*(?:probe=(\S+))?/.exec(line);
    if (head) {
      cur = { label: head[1], probe: head[2] || head[1], args: [], env: [], stdin: '', dir: null, exit: 0, out: '', err: '' };
      out.push(cur);
      continue;
    }
    if (!cur || !line.trim() || line.startsWith('#')) continue;
    const sp = line.indexOf(' ');
    const key = sp < 0 ? line : line.slice(0, sp);
    const value = sp < 0 ? '' : line.slice(sp + 1);
    if (key === 'arg') cur.args.push(value);
    else if (key === 'env') cur.env.push([value.slice(0, value.indexOf('=')), value.slice(value.indexOf('=') + 1)]);
    else if (key === 'stdin') cur.stdin = value.replace(/\\n/g, '\n');
    else if (key === 'dir') { const [mode, guest] = value.split(' '); cur.dir = { mode, guest }; }
    else if (key === 'exit') cur.exit = Number(value);
    else if (key === 'out') cur.out += value + '\n';
    else if (key === 'err') cur.err += value + '\n';
    else throw new Error(`${scenariosPath}: unknown key ${key}`);
  }
  return out;
}

const jsDir = join(root, 'build', 'oracle', 'wasi-probe');
await rm(jsDir, { recursive: true, force: true });
await mkdir(jsDir, { recursive: true });
const tr = spawnSync('node', [join(root, 'tools', 'transpile.mjs'), join(root, 'out', 'wasi', 'wasi-probe.wasm'), jsDir,
  'wasi_probe', '--instantiation'], { encoding: 'utf8' });
if (tr.status !== 0) throw new Error(`transpile failed:\n${tr.stderr}`);
const { imports } = JSON.parse(tr.stdout);
const shimDir = join(root, 'node_modules', '@bytecodealliance', 'preview2-shim');

const block = (label, s) => s.split('\n').slice(0, -1).map((l) => `${label} ${l}`).join('\n');
const lines = [];
const disagreements = [];
for (const s of parse(await readFile(scenariosPath, 'utf8'))) {
  const tmp = await mkdtemp(join(tmpdir(), 'wasi-oracle-'));
  try {
    const data = join(tmp, 'data');
    await mkdir(data);
    await mkdir(join(tmp, 'outside'));
    await writeFile(join(data, 'inside.txt'), 'inside');
    await writeFile(join(tmp, 'outside.txt'), 'secret');
    await writeFile(join(tmp, 'outside', 'outside.txt'), 'secret');
    await symlink('../outside', join(data, 'link-out'));
    await symlink(join(tmp, 'outside.txt'), join(data, 'abs-link'));
    const spec = { ...s, imports, jsDir, shimDir, dir: s.dir && { guest: s.dir.guest, host: data } };
    await writeFile(join(tmp, 'spec.json'), JSON.stringify(spec));
    const child = spawnSync('node', [join(here, 'wasi-child.mjs'), join(tmp, 'spec.json'), join(tmp, 'result.txt')],
      { input: s.stdin, encoding: 'utf8', timeout: 20000 });
    const result = existsSync(join(tmp, 'result.txt')) ? await readFile(join(tmp, 'result.txt'), 'utf8')
      : `<no result> ${(child.stderr || '').trim().split('\n').pop()}`;
    const got = { out: child.stdout, err: existsSync(join(tmp, 'result.txt')) ? child.stderr : '', result };
    const touched = (await readFile(join(tmp, 'outside.txt'), 'utf8')) !== 'secret' ? ' (OUTSIDE FILE CHANGED)' : '';
    lines.push(`[${s.label}]`, block('out', got.out), block('err', got.err), `exit ${got.result}${touched}`);
    const want = { out: s.out, err: s.err, result: String(s.exit) };
    for (const k of ['out', 'err', 'result']) {
      if (got[k] !== want[k] || (k === 'result' && touched)) {
        const a = want[k].split('\n'), b = got[k].split('\n');
        const diff = [];
        for (let i = 0; i < Math.max(a.length, b.length); i++) {
          if (a[i] !== b[i]) diff.push(`  scenario: ${a[i] ?? '<none>'}\n  jco:      ${b[i] ?? '<none>'}`);
        }
        disagreements.push(`[${s.label}] ${k}${touched}\n${diff.join('\n')}`);
      }
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
const text = lines.filter((l) => l !== '').join('\n') + '\n';
const disText = disagreements.length ? disagreements.join('\n') + '\n' : null;
let failed = false;
if (check) {
  const old = existsSync(expectedPath) ? await readFile(expectedPath, 'utf8') : '';
  const oldDis = existsSync(disPath) ? await readFile(disPath, 'utf8') : null;
  if (old !== text) { failed = true; console.error(`oracle --check: ${relative(root, expectedPath)} differs from what jco computes now`); }
  if (oldDis !== disText) { failed = true; console.error(`oracle --check: ${relative(root, disPath)} is out of date`); }
} else {
  await writeFile(expectedPath, text);
  if (disText) await writeFile(disPath, disText); else await rm(disPath, { force: true });
}
console.error(`oracle: wasi-probe: ${parse(await readFile(scenariosPath, 'utf8')).length} scenarios, `
  + `${disagreements.length} disagreement(s) with the scenarios${failed ? ' — FAILED' : ''}`);
process.exit(failed ? 1 : 0);
