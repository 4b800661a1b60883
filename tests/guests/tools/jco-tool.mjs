// Small CLI over the JS API of the locally pinned jco (node_modules/), used by
// ../build.sh. jco's own `embed --wit FILE` runs a wasm-hosted tool with no
// preopened directories, so it can't read our files; its JS API takes the bytes
// and text directly instead.
//
//   node tools/jco-tool.mjs component CORE.wasm WORLD.wit WORLD OUT.wasm [--adapter reactor|command]
//       embed the WIT world into the core module, then turn it into a component
//       (what `wasm-tools component embed` + `component new` do).
//   node tools/jco-tool.mjs embed CORE.wasm WORLD.wit WORLD OUT.wasm
//       embed the WIT world into the core module only (a `component-type`
//       custom section; what `wasm-tools component embed` does): the output
//       stays a core module.
//   node tools/jco-tool.mjs parse IN.wat OUT.wasm     component text -> binary
//   node tools/jco-tool.mjs print IN.wasm             binary -> text on stdout
//   node tools/jco-tool.mjs wit IN.wasm               the component's WIT on stdout
//   node tools/jco-tool.mjs witpkg WITDIR WORLD OUT.wasm
//       the binary WIT package wit-component writes for WORLD of the WIT package in WITDIR (the
//       `component-type` section of `componentEmbed`: the world, and the interfaces it uses, encoded
//       as a component of types, the form `wasm-tools component wit --wasm` and wkg write)
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { componentTypeSection } from './component-type.mjs';
// the pinned local jco; else (a machine without `npm install` here) the global one
let jcoDir = join(here, '..', 'node_modules', '@bytecodealliance', 'jco');
if (!existsSync(jcoDir)) {
  jcoDir = join(execSync('npm root -g').toString().trim(), '@bytecodealliance', 'jco');
}
const jco = await import(pathToFileURL(join(jcoDir, 'dist', 'api.js')).href);

function usage() {
  console.error('usage: jco-tool.mjs component CORE WIT WORLD OUT [--adapter reactor|command]\n'
    + '       jco-tool.mjs embed CORE WIT WORLD OUT\n'
    + '       jco-tool.mjs parse IN.wat OUT.wasm | print IN.wasm | wit IN.wasm');
  process.exit(2);
}

const [cmd, ...args] = process.argv.slice(2);
switch (cmd) {
  case 'component': {
    let adapter = null;
    const at = args.indexOf('--adapter');
    if (at >= 0) { adapter = args[at + 1]; args.splice(at, 2); }
    const [core, wit, world, out] = args;
    if (!out) usage();
    const embedded = await jco.componentEmbed({
      binary: await readFile(core), witSource: await readFile(wit, 'utf8'), world,
    });
    const adapters = adapter
      ? [['wasi_snapshot_preview1', await readFile(join(jcoDir, 'lib', `wasi_snapshot_preview1.${adapter}.wasm`))]]
      : [];
    const component = await jco.componentNew(embedded, adapters);
    await writeFile(out, component);
    break;
  }
  case 'embed': {
    const [core, wit, world, out] = args;
    if (!out) usage();
    await writeFile(out, await jco.componentEmbed({
      binary: await readFile(core), witSource: await readFile(wit, 'utf8'), world,
    }));
    break;
  }
  case 'parse': {
    const [inp, out] = args;
    if (!out) usage();
    await writeFile(out, await jco.parse(await readFile(inp, 'utf8')));
    break;
  }
  case 'print': {
    if (!args[0]) usage();
    process.stdout.write(await jco.print(await readFile(args[0])) + '\n');
    break;
  }
  case 'wit': {
    if (!args[0]) usage();
    process.stdout.write(await jco.componentWit(await readFile(args[0])) + '\n');
    break;
  }
  case 'witpkg': {
    const [witDir, world, out] = args;
    if (!out) usage();
    const section = componentTypeSection(await jco.componentEmbed({ dummy: true, witPath: witDir, world }));
    if (!section) throw new Error('componentEmbed wrote no component-type section');
    await writeFile(out, section);
    break;
  }
  default: usage();
}
