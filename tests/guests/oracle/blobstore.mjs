// The jco oracle for the blobstore guest (blobstore/), whose import
// host:store/store needs a host: this script is one, in JS — a store whose
// blobs are JS objects, as TypedHostResourcesTest's MemoryStore is in Java
// (same names, same bytes, same errors). It transpiles
// out/imports/blobstore.wasm with `jco transpile --instantiation`, runs each
// scenario on a fresh instance and writes blobstore/blobstore.expected, one
// `NAME => RESULT` line per scenario. RESULT includes how many blobs the host
// made and how often each was disposed (jco calls Symbol.dispose when the
// guest drops its own handle of a host object, as witbox calls close()).
// TypedHostResourcesTest runs the same scenarios against witbox and requires
// the same lines.
//
//   node oracle/blobstore.mjs [--check]
import { readFile, writeFile, mkdir, rm } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const check = process.argv.includes('--check');
const expectedFile = join(root, 'blobstore', 'blobstore.expected');
const jsDir = join(root, 'build', 'oracle', 'blobstore');

await rm(jsDir, { recursive: true, force: true });
await mkdir(jsDir, { recursive: true });
const tr = spawnSync('node', [join(root, 'tools', 'transpile.mjs'), join(root, 'out', 'imports', 'blobstore.wasm'),
  jsDir, 'blobstore', '--instantiation'], { encoding: 'utf8' });
if (tr.status !== 0) throw new Error(`transpile failed:\n${tr.stderr}`);
const { instantiate } = await import(pathToFileURL(join(jsDir, 'blobstore.js')).href);
const getCoreModule = async (path) => WebAssembly.compile(await readFile(join(jsDir, path)));

const utf8 = (s) => new TextEncoder().encode(s);
const NAMED = new Map([['greeting', 'hello, blob']]);

/** A fresh store: every blob it makes is recorded, with its dispose count. */
function newStore() {
  const made = [];
  class Blob {
    constructor(init, name) {
      this.bytes = Uint8Array.from(init);
      this.name = name ?? `new#${made.length}`;
      this.closes = 0;
      made.push(this);
    }
    read(offset, len) {
      const from = Math.min(Number(offset), this.bytes.length);
      return this.bytes.slice(from, Math.min(this.bytes.length, from + len));
    }
    append(more) {
      const joined = new Uint8Array(this.bytes.length + more.length);
      joined.set(this.bytes);
      joined.set(more, this.bytes.length);
      this.bytes = joined;
    }
    size() { return BigInt(this.bytes.length); }
    [Symbol.dispose]() { this.closes++; }
    static merge(a, b) {
      const merged = new Blob(a.bytes, `merged#${made.length}`);
      merged.append(b.bytes);
      return merged;
    }
  }
  const open = (name) => {
    if (!NAMED.has(name)) throw { payload: `no blob named ${name}` };
    return new Blob(utf8(NAMED.get(name)), name);
  };
  const tags = [];
  class Tag {
    constructor(label) {
      this.text = label;
      this.closes = 0;
      tags.push(this);
    }
    label() { return this.text; }
    [Symbol.dispose]() { this.closes++; }
  }
  return { made, tags, Blob, Tag, imports: { 'host:store/store': { Blob, open }, tag: { default: Tag } } };
}

/** "made N, closed [c0 c1 …]": what the host saw. */
const tally = (made) => `made ${made.length}, closes [${made.map((b) => b.closes).join(' ')}]`;

const firstLine = (e) => String(e instanceof Error ? e.message : e).split('\n')[0];

const SCENARIOS = {
  'concat-four': async (api, s) => `${await api.concat(['ab', 'cde', '', '✓'])}; ${tally(s.made)}`,
  'concat-none': async (api, s) => `${await api.concat([])}; ${tally(s.made)}`,
  'make-returns-the-hosts-object': async (api, s) => {
    const b = await api.make('made by the guest');
    return `size ${b.size()}, same object ${b === s.made[0]}; ${tally(s.made)}`;
  },
  'consume-closes-once': async (api, s) => {
    const given = new s.Blob(utf8('xyz'), 'given');
    return `${await api.consume(given)}; ${tally(s.made)}`;
  },
  'measure-twice-never-closes': async (api, s) => {
    const lent = new s.Blob(utf8('four'), 'lent');
    return `${await api.measure(lent)} ${await api.measure(lent)}; ${tally(s.made)}`;
  },
  'open-and-read-found': async (api, s) => `ok(${JSON.stringify(await api.openAndRead('greeting'))}); ${tally(s.made)}`,
  'open-and-read-missing': async (api, s) => {
    try {
      return `ok(${JSON.stringify(await api.openAndRead('nothing'))})`;
    } catch (e) {
      return `err(${JSON.stringify(e.payload)}); ${tally(s.made)}`;
    }
  },
  'hold-keeps': async (api, s) => `${await api.hold('a')} ${await api.hold('bc')}; ${tally(s.made)}`,
  'forge-unknown-index-traps': async (api) => {
    try {
      return `${await api.forge(7)}`;
    } catch (e) {
      // jco does not check the index against its table the way the spec's trap does: it fails with a
      // TypeError reading the missing entry. Either way the call fails, which is all this line says.
      return 'trap';
    }
  },
  'forge-held-index': async (api, s) => `${await api.hold('mine')} ${await api.forge(1)}; ${tally(s.made)}`,
  // the world's own resource, through the world's own exports
  'world-describe': async (api, s, world) => {
    const lent = new s.Blob(utf8('four'), 'lent');
    return `${JSON.stringify(await world.describe('label ✓', lent))}; ${tally(s.made)}; ${tally(s.tags)}`;
  },
  'world-label-of': async (api, s, world) => {
    const t = new s.Tag('mine');
    return `${JSON.stringify(await world.labelOf(t))} ${JSON.stringify(await world.labelOf(t))}; ${tally(s.tags)}`;
  },
};

const lines = ['# blobstore scenarios, computed by oracle/blobstore.mjs with a JS store under jco; TypedHostResourcesTest',
  '# runs each against witbox with a Java store and requires the same line. closes[i] counts the disposals of the',
  '# i-th blob the host made (its constructor, merge, open, or the scenario itself).'];
for (const [name, run] of Object.entries(SCENARIOS)) {
  const store = newStore();
  const inst = await instantiate(getCoreModule, store.imports);
  let out;
  try {
    out = await run(inst['host:store/api@0.1.0'] ?? inst.api, store, inst);
  } catch (e) {
    out = `<host error> ${firstLine(e)}`;
  }
  lines.push(`${name} => ${out}`);
}
const text = lines.join('\n') + '\n';
if (check) {
  const old = await readFile(expectedFile, 'utf8').catch(() => '');
  if (old !== text) {
    console.error(`blobstore.expected would change:\n${text}`);
    process.exit(1);
  }
} else {
  await writeFile(expectedFile, text);
}
console.error(text);
