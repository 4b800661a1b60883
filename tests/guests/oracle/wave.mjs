// WAVE (WebAssembly Value Encoding) for the oracle: an untyped parser, and
// type-directed conversion between WAVE and jco's JS representation of values.
// The canonical text rules we *write* (the Java side must print the same):
//   bool      true | false
//   integers  decimal, '-' for negatives
//   floats    nan | inf | -inf | -0 | shortest decimal digits that round-trip
//             at the type's precision (f32 or f64), written without exponent
//             and without a trailing ".0" (1.5, 1, 0.1, 100000000000000000000)
//   char      'x'   string "x"  escaped char by char exactly as wasm-wave:
//             \\ \" \' \t \r \n (both quotes in both); \u{hex} (lowercase, no
//             leading zeros) for Cc Cf Cs Co Cn Zl Zp, Zs other than ' ', and
//             Grapheme_Extend (combining marks etc.); everything else literally.
//   list [a, b]  tuple (a, b)  record {a: 1, b-c: 2} (fields whose value is
//   none are omitted)  flags {a, b} (set flags, declaration order; {} if none)
//   variant/enum  case | case(payload)   option  none | some(x)
//   result ok | ok(x) | err | err(x)   map [(k, v), ...] (no WAVE syntax: the ABI's list of pairs)
// Labels that are WAVE keywords (true false some none ok err inf nan) are
// written with a '%' prefix, as WAVE requires.

const KEYWORDS = new Set(['true', 'false', 'some', 'none', 'ok', 'err', 'inf', 'nan']);

// ------------------------------------------------------------------ parsing
export class WaveParser {
  constructor(text, pos = 0) { this.s = text; this.i = pos; }
  ws() { while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++; }
  peek() { this.ws(); return this.s[this.i]; }
  fail(msg) { throw new Error(`WAVE: ${msg} at ${this.i}: ${JSON.stringify(this.s.slice(this.i, this.i + 40))}`); }
  expect(c) { if (this.peek() !== c) this.fail(`expected '${c}'`); this.i++; }

  escape(quote) {
    const c = this.s[this.i++];
    switch (c) {
      case '\\': return '\\';
      case "'": return "'";
      case '"': return '"';
      case 't': return '\t';
      case 'n': return '\n';
      case 'r': return '\r';
      case 'u': {
        if (this.s[this.i] !== '{') this.fail('bad \\u escape');
        const end = this.s.indexOf('}', this.i);
        const cp = parseInt(this.s.slice(this.i + 1, end), 16);
        this.i = end + 1;
        return String.fromCodePoint(cp);
      }
      default: this.fail(`bad escape \\${c} in ${quote}`);
    }
  }

  value() {
    const c = this.peek();
    if (c === undefined) this.fail('unexpected end');
    if (c === '"') {
      if (this.s.startsWith('"""', this.i)) this.fail('multiline strings are not supported');
      this.i++;
      let out = '';
      while (this.s[this.i] !== '"') {
        if (this.i >= this.s.length) this.fail('unterminated string');
        if (this.s[this.i] === '\\') { this.i++; out += this.escape('string'); } else {
          const cp = this.s.codePointAt(this.i);
          out += String.fromCodePoint(cp); this.i += cp > 0xffff ? 2 : 1;
        }
      }
      this.i++;
      return { t: 'str', v: out };
    }
    if (c === "'") {
      this.i++;
      let v;
      if (this.s[this.i] === '\\') { this.i++; v = this.escape('char'); } else {
        const cp = this.s.codePointAt(this.i); v = String.fromCodePoint(cp); this.i += cp > 0xffff ? 2 : 1;
      }
      this.expect("'");
      return { t: 'char', v };
    }
    if (c === '[') return { t: 'list', items: this.seq('[', ']', () => this.value()) };
    if (c === '(') return { t: 'tuple', items: this.seq('(', ')', () => this.value()) };
    if (c === '{') {
      const entries = this.seq('{', '}', () => {
        const name = this.label();
        if (this.peek() === ':') { this.i++; return { name, value: this.value() }; }
        return { name };
      });
      return { t: 'braces', entries };
    }
    if (c === '$') {
      this.i++;
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.s.slice(this.i));
      if (!m) this.fail('bad variable');
      this.i += m[0].length;
      return { t: 'var', name: m[0] };
    }
    if (c === '-' || /[0-9]/.test(c)) {
      const m = /^-?(inf|[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?)/.exec(this.s.slice(this.i));
      if (!m) this.fail('bad number');
      this.i += m[0].length;
      return { t: 'num', v: m[0] };
    }
    const escaped = this.s[this.i] === '%';
    const name = this.label();
    let payload;
    if (this.peek() === '(') {
      this.i++; payload = this.value(); this.expect(')');
    }
    return { t: 'label', name, escaped, payload };
  }

  label() {
    this.ws();
    if (this.s[this.i] === '%') this.i++;
    const m = /^[a-z][a-z0-9]*(-[a-z0-9]+)*/i.exec(this.s.slice(this.i));
    if (!m) this.fail('expected a label');
    this.i += m[0].length;
    return m[0];
  }

  seq(open, close, item) {
    this.expect(open);
    const items = [];
    if (this.peek() === close) { this.i++; return items; }
    for (;;) {
      items.push(item());
      const n = this.peek();
      if (n === ',') { this.i++; if (this.peek() === close) { this.i++; return items; } continue; }
      if (n === close) { this.i++; return items; }
      this.fail(`expected ',' or '${close}'`);
    }
  }
}

export function parseValue(text) {
  const p = new WaveParser(text);
  const v = p.value();
  p.ws();
  if (p.i !== text.length) p.fail('trailing text');
  return v;
}

// ------------------------------------------------------------------ names
// jco's JS names: lowerCamelCase for functions, fields, flags; UpperCamelCase for resources.
export const camel = (s) => s.split('-').map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('');
export const pascal = (s) => s.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('');
const label = (n) => (KEYWORDS.has(n) ? `%${n}` : n);

const INT_RANGE = {
  u8: [0n, 255n], u16: [0n, 65535n], u32: [0n, 4294967295n], u64: [0n, 18446744073709551615n],
  s8: [-128n, 127n], s16: [-32768n, 32767n], s32: [-2147483648n, 2147483647n],
  s64: [-9223372036854775808n, 9223372036854775807n],
};
const TYPED_ARRAYS = {
  u8: Uint8Array, s8: Int8Array, u16: Uint16Array, s16: Int16Array, u32: Uint32Array, s32: Int32Array,
  u64: BigUint64Array, s64: BigInt64Array, f32: Float32Array, f64: Float64Array,
};

// jco represents option<T> as `T | undefined`, except when T is itself an
// option: then the OUTER option is {tag: 'some', val} | {tag: 'none'} and the
// inner one stays `U | undefined`. (Read from jco 1.35's generated code.)
const tagged = (optionType) => optionType.inner.kind === 'option';

// ------------------------------------------------------------------ WAVE -> JS
export function toJs(ast, type, vars) {
  const bad = () => { throw new Error(`WAVE: ${JSON.stringify(ast)} is not a ${describe(type)}`); };
  if (ast.t === 'var') {
    if (!vars.has(ast.name)) throw new Error(`unbound variable $${ast.name}`);
    return vars.get(ast.name);
  }
  switch (type.kind) {
    case 'bool':
      if (ast.t === 'label' && !ast.escaped && (ast.name === 'true' || ast.name === 'false') && !ast.payload) return ast.name === 'true';
      return bad();
    case 'u8': case 'u16': case 'u32': case 'u64': case 's8': case 's16': case 's32': case 's64': {
      if (ast.t !== 'num' || !/^-?[0-9]+$/.test(ast.v)) return bad();
      const n = BigInt(ast.v);
      const [lo, hi] = INT_RANGE[type.kind];
      if (n < lo || n > hi) throw new Error(`WAVE: ${ast.v} out of range for ${type.kind}`);
      return type.kind.endsWith('64') ? n : Number(n);
    }
    case 'f32': case 'f64': {
      let x;
      if (ast.t === 'label' && ast.name === 'nan' && !ast.escaped) x = NaN;
      else if (ast.t === 'label' && ast.name === 'inf' && !ast.escaped) x = Infinity;
      else if (ast.t === 'num') x = ast.v === '-inf' ? -Infinity : Number(ast.v);
      else return bad();
      return type.kind === 'f32' ? Math.fround(x) : x;
    }
    case 'char': if (ast.t !== 'char') return bad(); return ast.v;
    case 'string': if (ast.t !== 'str') return bad(); return ast.v;
    case 'list': {
      if (ast.t !== 'list') return bad();
      const items = ast.items.map((a) => toJs(a, type.elem, vars));
      const TA = TYPED_ARRAYS[type.elem.kind];
      return TA ? TA.from(items) : items;
    }
    case 'map': {
      // WAVE has no map syntax: a map is written as the ABI passes it, [(key, value), ...]. A JS Map
      // holds one value per key, so a list repeating a key has no jco value: refused (an expectation
      // with a repeated key is then compared as written, and jco's deduplicated answer disagrees).
      if (ast.t !== 'list' || ast.items.some((a) => a.t !== 'tuple' || a.items.length !== 2)) return bad();
      const m = new Map(ast.items.map((a) => [toJs(a.items[0], type.key, vars), toJs(a.items[1], type.val, vars)]));
      if (m.size !== ast.items.length) throw new Error(`a ${describe(type)} with a key given twice has no JS Map form`);
      return m;
    }
    case 'tuple':
      if (ast.t !== 'tuple' || ast.items.length !== type.types.length) return bad();
      return ast.items.map((a, i) => toJs(a, type.types[i], vars));
    case 'record': {
      if (ast.t !== 'braces') return bad();
      const obj = {};
      const given = new Map(ast.entries.map((e) => [e.name, e]));
      for (const f of type.fields) {
        const e = given.get(f.name);
        given.delete(f.name);
        if (!e) {
          if (f.type.kind !== 'option') throw new Error(`WAVE: record field ${f.name} missing`);
          obj[camel(f.name)] = toJs({ t: 'label', name: 'none' }, f.type, vars);
        } else {
          if (!e.value) return bad();
          obj[camel(f.name)] = toJs(e.value, f.type, vars);
        }
      }
      if (given.size) throw new Error(`WAVE: unknown record fields ${[...given.keys()]}`);
      return obj;
    }
    case 'flags': {
      if (ast.t !== 'braces' || ast.entries.some((e) => e.value)) return bad();
      const set = new Set(ast.entries.map((e) => e.name));
      const obj = {};
      for (const n of type.names) { obj[camel(n)] = set.delete(n); }
      if (set.size) throw new Error(`WAVE: unknown flags ${[...set]}`);
      return obj;
    }
    case 'enum':
      if (ast.t !== 'label' || ast.payload || !type.cases.includes(ast.name)) return bad();
      return ast.name;
    case 'variant': {
      if (ast.t !== 'label') return bad();
      const c = type.cases.find((k) => k.name === ast.name);
      if (!c || !!c.type !== !!ast.payload) return bad();
      return c.type ? { tag: c.name, val: toJs(ast.payload, c.type, vars) } : { tag: c.name };
    }
    case 'option': {
      if (ast.t !== 'label' || ast.escaped) return bad();
      if (ast.name === 'none' && !ast.payload) return tagged(type) ? { tag: 'none' } : undefined;
      if (ast.name === 'some' && ast.payload) {
        const v = toJs(ast.payload, type.inner, vars);
        return tagged(type) ? { tag: 'some', val: v } : v;
      }
      return bad();
    }
    case 'result': {
      if (ast.t !== 'label' || ast.escaped || (ast.name !== 'ok' && ast.name !== 'err')) return bad();
      const pt = ast.name === 'ok' ? type.ok : type.err;
      if (!!pt !== !!ast.payload) return bad();
      return pt ? { tag: ast.name, val: toJs(ast.payload, pt, vars) } : { tag: ast.name };
    }
    case 'own': case 'borrow': case 'resource':
      throw new Error('resources can only be passed as $variables');
    default:
      throw new Error(`unsupported type ${type.kind}`);
  }
}

// ------------------------------------------------------------------ JS -> WAVE
export function formatFloat(x, kind) {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  let shortest;
  if (kind === 'f32') {
    for (let p = 1; p <= 9; p++) {
      const s = x.toPrecision(p);
      if (Math.fround(Number(s)) === x) { shortest = Number(s); break; }
    }
  } else shortest = x;
  // toExponential() with no argument gives the shortest round-trip digits of a double.
  const [mant, expStr] = shortest.toExponential().split('e');
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const exp = Number(expStr);
  let out;
  if (exp >= digits.length - 1) out = digits + '0'.repeat(exp - digits.length + 1);
  else if (exp >= 0) out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  else out = `0.${'0'.repeat(-exp - 1)}${digits}`;
  return (neg ? '-' : '') + out;
}

// Char by char, as wasm-wave's writer (crates/wasm-wave/src/writer.rs) does:
// Rust's escape_default for the six below, escape_unicode for control chars,
// escape_debug for the rest. escape_debug writes \u{hex} for a grapheme
// extender or a char Rust's core::unicode::printable does not count printable
// (generated from UnicodeData: general categories Cc Cf Cs Co Cn Zl Zp Zs,
// except the space), and the char itself otherwise.
const BACKSLASHED = { '\\': '\\\\', '"': '\\"', "'": "\\'", '\t': '\\t', '\r': '\\r', '\n': '\\n' };
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
const GRAPHEME_EXTEND = /\p{Grapheme_Extend}/u;

export function escapeChar(ch) {
  if (Object.hasOwn(BACKSLASHED, ch)) return BACKSLASHED[ch];
  if (ch !== ' ' && (NOT_PRINTABLE.test(ch) || GRAPHEME_EXTEND.test(ch))) {
    return `\\u{${ch.codePointAt(0).toString(16)}}`;
  }
  return ch;
}

function escapeText(s) {
  let out = '';
  for (const ch of s) out += escapeChar(ch);
  return out;
}

export function toWave(v, type) {
  const bad = () => { throw new Error(`jco gave ${String(v)} (${typeof v}) for a ${describe(type)}`); };
  switch (type.kind) {
    case 'bool': if (typeof v !== 'boolean') bad(); return String(v);
    case 'u8': case 'u16': case 'u32': case 's8': case 's16': case 's32':
      if (typeof v !== 'number' || !Number.isInteger(v)) bad(); return String(v);
    case 'u64': case 's64': if (typeof v !== 'bigint') bad(); return v.toString();
    case 'f32': case 'f64': if (typeof v !== 'number') bad(); return formatFloat(v, type.kind);
    case 'char': if (typeof v !== 'string') bad(); return `'${escapeText(v)}'`;
    case 'string': if (typeof v !== 'string') bad(); return `"${escapeText(v)}"`;
    case 'list': return `[${Array.from(v, (x) => toWave(x, type.elem)).join(', ')}]`;
    case 'tuple': return `(${type.types.map((t, i) => toWave(v[i], t)).join(', ')})`;
    case 'map':
      if (!(v instanceof Map)) bad();
      return `[${Array.from(v, ([k, x]) => `(${toWave(k, type.key)}, ${toWave(x, type.val)})`).join(', ')}]`;
    case 'record': {
      const parts = [];
      for (const f of type.fields) {
        const x = v[camel(f.name)];
        if (f.type.kind === 'option' && x === undefined) continue;
        parts.push(`${label(f.name)}: ${toWave(x, f.type)}`);
      }
      return `{${parts.join(', ')}}`;
    }
    case 'flags': return `{${type.names.filter((n) => v[camel(n)]).map(label).join(', ')}}`;
    case 'enum': if (!type.cases.includes(v)) bad(); return label(v);
    case 'variant': {
      const c = type.cases.find((k) => k.name === v.tag);
      if (!c) bad();
      return c.type ? `${label(c.name)}(${toWave(v.val, c.type)})` : label(c.name);
    }
    case 'option': {
      if (tagged(type)) {
        if (v.tag === 'none') return 'none';
        if (v.tag !== 'some') bad();
        v = v.val;
      } else if (v === undefined || v === null) return 'none';
      return `some(${toWave(v, type.inner)})`;
    }
    case 'result': {
      if (v.tag !== 'ok' && v.tag !== 'err') bad();
      const pt = v.tag === 'ok' ? type.ok : type.err;
      return pt ? `${v.tag}(${toWave(v.val, pt)})` : v.tag;
    }
    case 'own': case 'borrow': return `<resource ${type.res.name}>`;
    case 'resource': return `<resource ${type.name}>`; // a bare resource name means own<r>
    default: throw new Error(`unsupported type ${type.kind}`);
  }
}

export function describe(t) {
  if (!t) return '()';
  switch (t.kind) {
    case 'list': return `list<${describe(t.elem)}>`;
    case 'option': return `option<${describe(t.inner)}>`;
    case 'result': return `result<${t.ok ? describe(t.ok) : '_'}, ${t.err ? describe(t.err) : '_'}>`;
    case 'tuple': return `tuple<${t.types.map(describe).join(', ')}>`;
    case 'map': return `map<${describe(t.key)}, ${describe(t.val)}>`;
    case 'own': case 'borrow': return `${t.kind}<${t.res.name}>`;
    case 'record': case 'variant': case 'enum': case 'flags': case 'resource': return `${t.kind} ${t.name}`;
    default: return t.kind;
  }
}
