// One scenario of wasi-probe under jco's preview2 shim, in a process of its own (the shim's
// environment, arguments and preopens are process-wide): node wasi-child.mjs SPEC.json RESULT.txt
// The guest's stdout/stderr are this process's; its `run` result is written to RESULT.txt.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [specPath, resultPath] = process.argv.slice(2);
const spec = JSON.parse(await readFile(specPath, 'utf8'));
const shim = (pkg) => import(pathToFileURL(join(spec.shimDir, 'dist', 'nodejs', `${pkg}.js`)).href);
const cli = await shim('cli');
const fs = await shim('filesystem');
cli._setEnv(Object.fromEntries(spec.env));
cli._setArgs(spec.args);
fs._setPreopens(spec.dir ? { [spec.dir.guest]: spec.dir.host } : {}); // the shim's default preopens "/"

const camel = (s) => s.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const imports = {};
for (const name of spec.imports) {
  const m = /^wasi:([a-z-]+)\/([a-z-]+)(@.*)?$/.exec(name);
  const iface = (await shim(m[1]))[camel(m[2])];
  if (!iface) throw new Error(`preview2-shim has no ${name}`);
  imports[name] = iface;
  imports[name.replace(/@.*/, '')] = iface;
}
const { instantiate } = await import(pathToFileURL(join(spec.jsDir, 'wasi_probe.js')).href);
const inst = await instantiate((p) => readFile(join(spec.jsDir, p)).then((b) => WebAssembly.compile(b)), imports);
let result;
try {
  result = String(inst.run(spec.probe));
} catch (e) {
  result = `<trap> ${String(e).split('\n')[0]}`;
}
await writeFile(resultPath, result);
