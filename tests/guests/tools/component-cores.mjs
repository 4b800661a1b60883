// Lists the core modules embedded in a component binary, recursively through
// nested components, without any external tool: a component is a preamble
// (magic, version 0x0d, layer 1) and sections (id byte, LEB128 size,
// payload); section 1 holds a core module, section 4 a nested component
// (Binary.md). Returns [{path, bytes}], path like "0" or "2/0" (nested).
function leb(buf, pos) {
  let result = 0, shift = 0, b;
  do { b = buf[pos++]; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return [result, pos];
}

export function coreModules(bytes, prefix = '') {
  const out = [];
  if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error('not wasm');
  let pos = 8, ncore = 0, ncomp = 0;
  while (pos < bytes.length) {
    const id = bytes[pos++];
    let size;
    [size, pos] = leb(bytes, pos);
    const payload = bytes.subarray(pos, pos + size);
    if (id === 1) out.push({ path: `${prefix}core${ncore++}`, bytes: payload });
    if (id === 4) out.push(...coreModules(Buffer.from(payload), `${prefix}component${ncomp++}/`));
    pos += size;
  }
  return out;
}
