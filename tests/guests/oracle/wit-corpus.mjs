// The WIT oracle: runs every case of engine/src/test/resources/wit-corpus/ and every .wit
// under tests/ through wit-parser as jco ships it (compiled to wasm; `componentEmbed`
// resolves a WIT path exactly as `wasm-tools component embed` does, deps/ included).
//
//   node oracle/wit-corpus.mjs            write wit-corpus/oracle.expected
//   node oracle/wit-corpus.mjs --check    recompute, fail on any difference (CI)
//
// Per case:
//   - accept/refuse: wit-parser must accept every valid/ case and refuse every invalid/ one;
//   - for accepted valid cases, every world of every package, and a probe world importing
//     every interface, is encoded by wit-component from the input AND from the case's
//     expected.wit (what witbox prints, held to the byte by WitCorpusTest); the two encodings
//     (printed as WAT, custom sections dropped) must be identical: names, function signatures,
//     types, the elaborated imports and exports, as wit-parser understands them.
// A case where witbox deliberately differs is listed in wit-corpus/oracle.disagreements
// ("<kind>/<case>: reason, citing WIT.md"); its line in oracle.expected says what jco did.
import { readFile, writeFile, readdir, stat, mkdtemp, cp, rm, appendFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { componentTypeSection } from '../tools/component-type.mjs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const guests = join(here, '..');
const repo = join(guests, '..', '..');
const corpus = join(repo, 'engine', 'src', 'test', 'resources', 'wit-corpus');
// wasm-tools as jco vendors it. A panic (some malformed inputs make wit-component panic) poisons the
// instance ("cannot enter component instance"), so after a trap a fresh copy of the module is loaded.
const vendored = pathToFileURL(join(guests, 'node_modules', '@bytecodealliance', 'jco-transpile', 'vendor',
  'wasm-tools.js')).href;
let loads = 0;
let jco;
async function loadJco() {
  const m = await import(`${vendored}?instance=${loads++}`);
  await m.$init;
  jco = m.tools;
}
await loadJco();
const trapped = (e) => e instanceof WebAssembly.RuntimeError || /wasm trap|unreachable/.test(String(e?.message ?? ''));
const check = process.argv.includes('--check');

/** Comments out, then the top-level declarations: [{pkg, kind, name, feature}] (pkg null = root). */
function declarations(text) {
  const src = stripComments(text);
  const toks = src.match(/%?[A-Za-z0-9_.:@\-\/+]+|[{}();=,<>*]/g) ?? [];
  const out = [];
  let root = null, depth = 0, nestedPkg = null, nestedDepth = -1, feature = null;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t === '{') { depth++; continue; }
    if (t === '}') { depth--; if (nestedPkg && depth === nestedDepth) nestedPkg = null; continue; }
    const atPackageLevel = nestedPkg ? depth === nestedDepth + 1 : depth === 0;
    if (t === '@unstable' && atPackageLevel) {
      const m = toks.slice(i, i + 6).join(' ').match(/feature = ([a-z0-9-]+)/);
      feature = m ? m[1] : null;
      continue;
    }
    if (!atPackageLevel) continue;
    if (t === 'package' && depth === 0) {
      if (toks[i + 2] === '{') { nestedPkg = toks[i + 1]; nestedDepth = depth; }
      else if (toks[i + 2] === ';') root = toks[i + 1];
      feature = null;
      continue;
    }
    if ((t === 'world' || t === 'interface') && toks[i + 2] === '{') {
      out.push({ pkg: nestedPkg, kind: t, name: toks[i + 1].replace(/^%/, ''), raw: toks[i + 1], feature });
      feature = null;
    } else if (t === ';' || t === 'use') {
      feature = null;
    }
  }
  return { root, decls: out };
}

function stripComments(s) {
  let out = '', i = 0;
  while (i < s.length) {
    if (s.startsWith('//', i)) { while (i < s.length && s[i] !== '\n') i++; }
    else if (s.startsWith('/*', i)) {
      let d = 1; i += 2;
      while (i < s.length && d > 0) {
        if (s.startsWith('/*', i)) { d++; i += 2; } else if (s.startsWith('*/', i)) { d--; i += 2; } else i++;
      }
    } else out += s[i++];
  }
  return out;
}

async function features(caseDir) {
  const f = join(caseDir, 'features.txt');
  if (!existsSync(f)) return undefined;
  const names = (await readFile(f, 'utf8')).split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  return names.includes('*') ? { tag: 'all' } : { tag: 'list', val: names };
}

const enabled = (feats, name) => !name || (feats && (feats.tag === 'all' || feats.val.includes(name)));

/** The root package's .wit files of an input (a file, or a folder's top-level *.wit). */
async function rootFiles(input) {
  if ((await stat(input)).isFile()) return [input];
  return (await readdir(input)).filter((n) => n.endsWith('.wit')).sort().map((n) => join(input, n));
}

/** Every world to encode, fully qualified, plus the interfaces the probe world imports. */
async function targets(input, feats) {
  const worlds = [], ifaces = [];
  const files = [];
  for (const f of await rootFiles(input)) files.push(declarations(await readFile(f, 'utf8')));
  // in a folder, one file's header names the package of all of them
  const rootName = files.map((f) => f.root).find((r) => r) ?? null;
  for (const { decls } of files) {
    for (const d of decls) {
      if (!enabled(feats, d.feature)) continue;
      const pkg = d.pkg ?? rootName;
      if (!pkg) continue;
      const [base, version] = pkg.split('@');
      const qualified = `${base}/${d.raw}${version ? '@' + version : ''}`;
      (d.kind === 'world' ? worlds : ifaces).push({ qualified, local: d.raw, rootPkg: !d.pkg });
    }
  }
  return { rootName, worlds, ifaces };
}

const normalize = (wat) => wat.split('\n')
  .filter((l) => !/^\s*\(@(custom|producers)/.test(l) && !/^\s*\(processed-by/.test(l))
  .join('\n').replace(/\)\s*\)\s*$/, '))');

/** The WAT of the `component-type` custom section wit-component writes for `world`. */
async function encodeWorld(witPath, world, feats) {
  const section = componentTypeSection(await jco.componentEmbed({ dummy: true, witPath, world, features: feats }));
  if (section) return normalize(await jco.print(section));
  throw new Error('no component-type section');
}

const message = (e) => String(e?.payload ?? e?.message ?? e).split('\n')[0].replace(/\/[^ ]*wit-oracle-[^/ ]*/g, '<input>');

/**
 * Copies the input to a scratch folder and adds a world importing every interface of the
 * root package (wit-parser needs a world to embed; an interface-only package has none).
 */
async function withProbe(input, ifaces, rootName, fn) {
  const dir = await mkdtemp(join(tmpdir(), 'wit-oracle-'));
  try {
    const isFile = (await stat(input)).isFile();
    const target = isFile ? join(dir, 'input.wit') : join(dir, 'input');
    await cp(input, target, { recursive: true });
    const own = ifaces.filter((i) => i.rootPkg);
    if (rootName && own.length) {
      const probe = `\nworld oracle-probe-world {\n${own.map((i) => `  import ${i.local};\n`).join('')}}\n`;
      if (isFile) await appendFile(target, probe);
      else await writeFile(join(target, 'zzz-oracle-probe.wit'), `package ${rootName};\n${probe}`);
    }
    return await fn(target, rootName && own.length ? [`${rootName.split('@')[0]}/oracle-probe-world${rootName.includes('@') ? '@' + rootName.split('@')[1] : ''}`] : []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Accepts (a map world -> WAT) or refuses (an error) the input, as wit-parser does. */
async function judge(input, feats) {
  const { rootName, worlds, ifaces } = await targets(input, feats);
  return withProbe(input, ifaces, rootName, async (path, probe) => {
    const names = [...worlds.map((w) => w.qualified), ...probe];
    const encoded = new Map();
    try {
      if (names.length === 0) {
        await jco.componentEmbed({ dummy: true, witPath: path, features: feats });
      }
      for (const w of names) encoded.set(w, await encodeWorld(path, w, feats));
      return { ok: true, encoded };
    } catch (e) {
      if (trapped(e)) throw e;
      const m = message(e);
      // a package with neither worlds nor interfaces of its own is still parsed and resolved
      if (names.length === 0 && /no worlds|does not contain any worlds|multiple worlds/i.test(m)) {
        return { ok: true, encoded };
      }
      return { ok: false, error: m };
    }
  });
}

/** What the component validator says of every world of the input made into a component. */
async function validate(input, feats) {
  const { rootName, worlds, ifaces } = await targets(input, feats);
  return withProbe(input, ifaces, rootName, async (path, probe) => {
    for (const w of [...worlds.map((x) => x.qualified), ...probe]) {
      try {
        await jco.componentNew(await jco.componentEmbed({ dummy: true, witPath: path, world: w, features: feats }));
      } catch (e) {
        if (trapped(e)) throw e;
        return `component validator refuses ${w}: ${String(e?.payload ?? e?.message ?? e).split('\n').filter((l) => l.trim()).pop().trim()}`;
      }
    }
    return 'component validator accepts';
  });
}

/** Runs fn; after a wasm trap, reloads wasm-tools and reports the trap as a refusal. */
async function guarded(fn) {
  try {
    return await fn();
  } catch (e) {
    if (!trapped(e)) throw e;
    await loadJco();
    return { ok: false, error: `wit-component panicked (${String(e.message).split('\n')[0]})` };
  }
}

async function caseLine(kind, name) {
  const dir = join(corpus, kind, name);
  const input = existsSync(join(dir, 'input.wit')) ? join(dir, 'input.wit') : join(dir, 'input');
  const feats = await features(dir);
  const verdict = await guarded(() => judge(input, feats));
  const id = `${kind}/${name}`;
  if (!verdict.ok) return { id, line: `${id}: refused: ${verdict.error}`, agrees: kind === 'invalid' };
  if (kind === 'invalid') {
    // wit-parser leaves some rules to the component validator: say whether it refuses the
    // component a dummy core module with this world becomes (`wasm-tools component new`)
    const v = await guarded(() => validate(input, feats));
    return { id, line: `${id}: accepted by wit-parser; ${v}`, agrees: false };
  }
  // valid and accepted: compare every world with the one encoded from witbox's print
  const printed = await judge(join(dir, 'expected.wit'), feats);
  if (!printed.ok) return { id, line: `${id}: accepted; expected.wit refused: ${printed.error}`, agrees: false };
  const differ = [];
  for (const [w, wat] of verdict.encoded) {
    const other = printed.encoded.get(w);
    if (other === undefined) differ.push(`${w} missing from expected.wit`);
    else if (other !== wat) differ.push(`${w} differs`);
  }
  const worlds = [...verdict.encoded.keys()].filter((w) => !/oracle-probe-world/.test(w));
  const probed = verdict.encoded.size - worlds.length;
  const what = `${worlds.length} world(s)${worlds.length ? ' ' + worlds.join(' ') : ''}${probed ? ' + interfaces' : ''}`;
  return differ.length
    ? { id, line: `${id}: accepted; ${what}; differ: ${differ.join(', ')}`, agrees: false, detail: [verdict, printed] }
    : { id, line: `${id}: accepted; ${what}; same as expected.wit`, agrees: true };
}

/** Every .wit under tests/ (the guests' worlds, test resources): wit-parser must accept each. */
async function testsWit() {
  const found = [];
  const walk = async (d) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'build' || e.name === 'target') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith('.wit')) found.push(p);
    }
  };
  await walk(join(repo, 'tests'));
  const lines = [];
  for (const f of found.sort()) {
    const v = await judge(f, { tag: 'all' });
    const id = relative(repo, f);
    if (f.endsWith('.jco.wit')) {
      // `jco wit` output saved for ComponentWorldTest: the root world only, naming packages it
      // does not print, so not standalone WIT for either parser
      lines.push({ id, line: `${id}: skipped (jco wit output, names packages it does not define)`, agrees: true });
      continue;
    }
    lines.push({ id, line: v.ok ? `${id}: accepted` : `${id}: refused: ${v.error}`, agrees: v.ok });
  }
  return lines;
}

const results = [];
for (const kind of ['valid', 'invalid']) {
  for (const name of (await readdir(join(corpus, kind))).sort()) {
    if ((await stat(join(corpus, kind, name))).isDirectory()) results.push(await caseLine(kind, name));
  }
}
results.push(...await testsWit());

const disagreementsFile = join(corpus, 'oracle.disagreements');
const recorded = new Map();
if (existsSync(disagreementsFile)) {
  for (const l of (await readFile(disagreementsFile, 'utf8')).split('\n')) {
    const m = l.match(/^([^#\s][^:]*): (.+)$/);
    if (m) recorded.set(m[1], m[2]);
  }
}
let failures = 0;
const expectedText = results.map((r) => r.line).join('\n') + '\n';
for (const r of results) {
  if (!r.agrees && !recorded.has(r.id)) {
    failures++;
    console.error(`DISAGREES (not in oracle.disagreements): ${r.line}`);
    if (process.env.WIT_ORACLE_VERBOSE && r.detail) {
      for (const [w, wat] of r.detail[0].encoded) {
        if (r.detail[1].encoded.get(w) !== wat) console.error(`--- jco(input) ${w}\n${wat}\n--- jco(expected.wit)\n${r.detail[1].encoded.get(w)}`);
      }
    }
  }
  if (r.agrees && recorded.has(r.id)) {
    failures++;
    console.error(`AGREES but listed in oracle.disagreements (remove it): ${r.id}`);
  }
}
const expectedFile = join(corpus, 'oracle.expected');
if (check) {
  const old = existsSync(expectedFile) ? await readFile(expectedFile, 'utf8') : '';
  if (old !== expectedText) {
    failures++;
    const a = old.split('\n'), b = expectedText.split('\n');
    for (const l of b) if (!a.includes(l)) console.error(`+ ${l}`);
    for (const l of a) if (!b.includes(l)) console.error(`- ${l}`);
    console.error('wit-corpus/oracle.expected is out of date (run tests/guests/oracle.sh --only wit)');
  }
} else {
  await writeFile(expectedFile, expectedText);
}
const agree = results.filter((r) => r.agrees).length;
console.log(`wit oracle: ${results.length} inputs, ${agree} agree, ${results.length - agree} recorded disagreements` +
  (failures ? `, ${failures} FAILURE(S)` : ''));
process.exit(failures ? 1 : 0);
