// Rewrites a core module's export section: renames and drops exports, leaves every other byte as
// it was. AssemblyScript can only export identifiers; a component's core module needs names like
// `witbox:sample/captions@0.1.0#describe`.
//
//   node rename-exports.mjs IN.wasm OUT.wasm old=new ... [-name]
//       old=new renames export `old`; -name drops export `name`. Every named export must exist.
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output, ...edits] = process.argv.slice(2);
if (!output) {
  console.error('usage: rename-exports.mjs IN.wasm OUT.wasm old=new ... [-name]');
  process.exit(2);
}
const renames = new Map();
const drops = new Set();
for (const e of edits) {
  if (e.startsWith('-')) drops.add(e.slice(1));
  else {
    const at = e.indexOf('=');
    renames.set(e.slice(0, at), e.slice(at + 1));
  }
}

const bytes = readFileSync(input);
let pos = 0;
function uleb() {
  let result = 0, shift = 0, b;
  do {
    b = bytes[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return result;
}
function encodeUleb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return Buffer.from(out);
}
function encodeName(s) {
  const b = Buffer.from(s, 'utf8');
  return Buffer.concat([encodeUleb(b.length), b]);
}

if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error(`${input} is not a core wasm module`);
const parts = [bytes.subarray(0, 8)];
pos = 8;
const seen = new Set();
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = uleb();
  const start = pos;
  const end = start + size;
  if (id !== 7) {
    parts.push(bytes.subarray(start - 1 - encodeUleb(size).length, end));
    pos = end;
    continue;
  }
  const count = uleb();
  const entries = [];
  for (let i = 0; i < count; i++) {
    const len = uleb();
    const name = bytes.subarray(pos, pos + len).toString('utf8');
    pos += len;
    const kind = bytes[pos++];
    const index = uleb();
    seen.add(name);
    if (drops.has(name)) continue;
    entries.push(Buffer.concat([encodeName(renames.get(name) ?? name), Buffer.from([kind]), encodeUleb(index)]));
  }
  if (pos !== end) throw new Error('export section length mismatch');
  const body = Buffer.concat([encodeUleb(entries.length), ...entries]);
  parts.push(Buffer.from([7]), encodeUleb(body.length), body);
}
for (const name of [...renames.keys(), ...drops]) {
  if (!seen.has(name)) throw new Error(`${input} has no export '${name}'`);
}
writeFileSync(output, Buffer.concat(parts));
