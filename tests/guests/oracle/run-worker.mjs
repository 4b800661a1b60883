// Worker thread of the oracle: runs cases [from, ...) of one guest, each on a
// FRESH instance of the transpiled component, and posts one result per case.
// The parent watches the time and kills this worker if a case hangs.
import { parentPort, workerData } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { parseWit } from './wit.mjs';
import { toJs, toWave, camel, pascal } from './wave.mjs';
import { parseCasesFile } from './cases.mjs';

const { jsDir, jsName, witText, casesFile, from, shimDir } = workerData;
const wit = parseWit(witText);
const cases = parseCasesFile(await readFile(casesFile, 'utf8'), casesFile);
const { instantiate } = await import(pathToFileURL(join(jsDir, `${jsName}.js`)).href);

const compiled = new Map();
const getCoreModule = (path) => {
  if (!compiled.has(path)) compiled.set(path, readFile(join(jsDir, path)).then((b) => WebAssembly.compile(b)));
  return compiled.get(path);
};

// WASI imports (only js-hello has them): map wasi:PKG/IFACE@V to preview2-shim's PKG module.
async function importObject(imports) {
  const obj = {};
  for (const spec of imports) {
    const m = /^wasi:([a-z-]+)\/([a-z-]+)(@.*)?$/.exec(spec);
    if (!m) throw new Error(`guest imports ${spec}; the oracle only provides WASI`);
    const shim = await import(pathToFileURL(join(shimDir, 'dist', 'nodejs', `${m[1]}.js`)).href);
    const iface = shim[camel(m[2])];
    if (!iface) throw new Error(`preview2-shim has no ${spec}`);
    obj[spec] = iface;
    obj[spec.replace(/@.*/, '')] = iface;
  }
  return obj;
}
const imports = await importObject(workerData.imports);

const isComponentError = (e) => e && typeof e === 'object' && e.constructor && e.constructor.name === 'ComponentError' && 'payload' in e;
const disposeSym = Symbol.dispose || Symbol.for('dispose');

function iface(inst, f) {
  const ns = inst[f.iface.name] || inst[f.iface.name.replace(/@.*/, '')] || inst[camel(f.iface.short)];
  if (!ns) throw new Error(`jco exports no ${f.iface.name} (has ${Object.keys(inst)})`);
  return ns;
}

function callOne(inst, f, args) {
  const how = f.how;
  if (!f.iface) return inst[camel(how.fn)](...args);
  const ns = iface(inst, f);
  switch (how.type) {
    case 'func': return ns[camel(how.fn)](...args);
    case 'constructor': return new ns[pascal(how.resource)](...args);
    case 'static': return ns[pascal(how.resource)][camel(how.fn)](...args);
    case 'method': return args[0][camel(how.fn)](...args.slice(1));
    default: throw new Error(how.type);
  }
}

function firstLine(e) {
  const s = e instanceof Error ? `${e.name}: ${e.message}` : `thrown ${String(e)}`;
  return s.split('\n')[0];
}

async function runCase(c) {
  const inst = await instantiate(getCoreModule, imports);
  const vars = new Map();
  let out = '()';
  for (const s of c.stmts) {
    if (s.drop) {
      for (const a of s.args) {
        const obj = vars.get(a.name);
        if (!obj) throw new Error(`drop of unbound $${a.name}`);
        obj[disposeSym]();
      }
      out = '()';
      continue;
    }
    const f = wit.exports.get(s.name);
    if (!f) throw new Error(`no export named ${s.name}; exports are: ${[...wit.exports.keys()].join(', ')}`);
    if (f.params.length !== s.args.length) throw new Error(`${s.name} takes ${f.params.length} arguments, case gives ${s.args.length}`);
    const args = s.args.map((a, i) => toJs(a, f.params[i].type, vars));
    let v;
    try {
      v = callOne(inst, f, args);
      if (f.result && f.result.kind === 'result') v = f.result.ok ? { tag: 'ok', val: v } : { tag: 'ok' };
    } catch (e) {
      if (f.result && f.result.kind === 'result' && isComponentError(e)) {
        v = f.result.err ? { tag: 'err', val: e.payload } : { tag: 'err' };
      } else {
        return `<trap> ${firstLine(e)}`;
      }
    }
    if (s.bind) vars.set(s.bind, v);
    out = f.result ? toWave(v, f.result) : '()';
  }
  return out;
}

for (let i = from; i < cases.length; i++) {
  parentPort.postMessage({ start: i });
  let out;
  try {
    out = await runCase(cases[i]);
  } catch (e) {
    out = { error: `${casesFile}:${cases[i].line}: ${e.stack || e}` };
  }
  parentPort.postMessage({ i, out });
}
parentPort.postMessage({ done: true });
