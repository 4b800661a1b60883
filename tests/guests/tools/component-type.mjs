// The payload of a core module's `component-type*` custom section: the world wit-component's embed
// step encodes there, as a binary WIT package (a component of types). Null when there is none.
export function componentTypeSection(bytes) {
  const u8 = new Uint8Array(bytes);
  let p = 8;
  const leb = () => { let r = 0, s = 0, x; do { x = u8[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
  while (p < u8.length) {
    const id = u8[p++];
    const len = leb();
    const end = p + len;
    if (id === 0) {
      const nl = leb();
      const name = Buffer.from(u8.slice(p, p + nl)).toString();
      p += nl;
      if (name.startsWith('component-type')) return u8.slice(p, end);
    }
    p = end;
  }
  return null;
}
