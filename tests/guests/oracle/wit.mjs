// A small reader for the subset of WIT that `jco wit` prints for our guests:
// packages (top-level and nested `package x { }`), worlds, interfaces, `use`,
// record / variant / enum / flags / resource / type alias, and functions
// (freestanding, constructor, method, static). It gives the oracle the
// parameter and result types of every export, keyed by canonical ABI name:
//   world-level function        name
//   interface function          ns:pkg/iface@ver#name
//   resource functions          ns:pkg/iface@ver#[constructor]r, #[method]r.m, #[static]r.f
// Not supported (none of our guests use them): imports' types beyond what is
// needed to parse, async, futures/streams, fixed-size lists, error-context.

const PRIMS = new Set(['bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64',
  'f32', 'f64', 'char', 'string']);

function tokenize(src) {
  const toks = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (src.startsWith('//', i)) { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (src.startsWith('/*', i)) {
      let depth = 0;
      do {
        if (src.startsWith('/*', i)) { depth++; i += 2; } else if (src.startsWith('*/', i)) { depth--; i += 2; } else i++;
      } while (depth > 0 && i < src.length);
      continue;
    }
    if (src.startsWith('->', i)) { toks.push('->'); i += 2; continue; }
    if ('{}()<>,:;=.@/*_'.includes(c) && !(c === '_' && /[a-z0-9-]/i.test(src[i + 1] || ''))) {
      toks.push(c); i++; continue;
    }
    const m = /^%?[A-Za-z0-9][A-Za-z0-9-]*(?:\.[0-9A-Za-z-]+)*(?:\+[0-9A-Za-z.-]+)?/.exec(src.slice(i));
    if (!m) throw new Error(`wit: cannot tokenize at ${JSON.stringify(src.slice(i, i + 30))}`);
    toks.push(m[0]); i += m[0].length;
  }
  return toks;
}

const unescapeId = (s) => (s.startsWith('%') ? s.slice(1) : s);

class Parser {
  constructor(src) { this.t = tokenize(src); this.p = 0; }
  peek(o = 0) { return this.t[this.p + o]; }
  next() { if (this.p >= this.t.length) throw new Error('wit: unexpected end'); return this.t[this.p++]; }
  eat(tok) { if (this.peek() === tok) { this.p++; return true; } return false; }
  expect(tok) { const n = this.next(); if (n !== tok) throw new Error(`wit: expected ${tok} got ${n} near ${this.t.slice(this.p - 5, this.p + 5).join(' ')}`); }
  id() { return unescapeId(this.next()); }
  // @since(version = 1.2.3) / @unstable(feature = x) / @deprecated(...)
  skipGates() {
    while (this.peek() === '@') {
      this.next(); this.next();
      if (this.eat('(')) { let d = 1; while (d > 0) { const n = this.next(); if (n === '(') d++; if (n === ')') d--; } }
    }
  }
  // ns:pkg/path@ver  or ns:pkg@ver (package names)
  qualName() {
    let s = this.next();
    while ([':', '/', '@'].includes(this.peek())) {
      const sep = this.next();
      s += sep + this.next();
    }
    return s;
  }
}

export function parseWit(src) {
  const P = new Parser(src);
  const packages = new Map(); // pkgName -> { interfaces: Map, worlds: Map }
  let topPkg = null;

  const pkgOf = (name) => {
    if (!packages.has(name)) packages.set(name, { name, interfaces: new Map(), worlds: new Map() });
    return packages.get(name);
  };

  function parseType(scope) {
    const n = P.next();
    const args = () => { P.expect('<'); };
    switch (n) {
      case 'list': { args(); const elem = parseType(scope); P.expect('>'); return { kind: 'list', elem }; }
      case 'option': { args(); const inner = parseType(scope); P.expect('>'); return { kind: 'option', inner }; }
      case 'map': {
        args(); const key = parseType(scope); P.expect(','); const val = parseType(scope); P.expect('>');
        return { kind: 'map', key, val };
      }
      case 'result': {
        if (!P.eat('<')) return { kind: 'result', ok: null, err: null };
        let ok = null, err = null;
        if (P.eat('_')) { P.expect(','); err = parseType(scope); } else {
          ok = parseType(scope);
          if (P.eat(',')) err = parseType(scope);
        }
        P.expect('>');
        return { kind: 'result', ok, err };
      }
      case 'tuple': {
        args(); const types = [];
        while (!P.eat('>')) { types.push(parseType(scope)); P.eat(','); }
        return { kind: 'tuple', types };
      }
      case 'borrow': case 'own': {
        args(); const res = parseType(scope); P.expect('>');
        return { kind: n, res };
      }
      default:
        if (PRIMS.has(n)) return { kind: n };
        return { kind: 'ref', name: unescapeId(n), scope };
    }
  }

  function parseFuncSig(scope) {
    P.eat('async');
    P.expect('func');
    return parseParamsResult(scope);
  }
  function parseParamsResult(scope) {
    P.expect('(');
    const params = [];
    while (!P.eat(')')) {
      const name = P.id(); P.expect(':');
      params.push({ name, type: parseType(scope) });
      P.eat(',');
    }
    let result = null;
    if (P.eat('->')) result = parseType(scope);
    return { params, result };
  }

  // Body of an interface (or world): typedefs, uses, functions.
  function parseItems(scope, onFunc, onWorldItem) {
    P.expect('{');
    while (!P.eat('}')) {
      P.skipGates();
      const kw = P.peek();
      if (kw === 'use') {
        P.next();
        const path = P.qualName();
        P.expect('.'); P.expect('{');
        while (!P.eat('}')) {
          const name = P.id(); let as = name;
          if (P.eat('as')) as = P.id();
          scope.types.set(as, { kind: 'use', path, name, scope });
          P.eat(',');
        }
        P.expect(';');
      } else if (kw === 'record') {
        P.next(); const name = P.id(); P.expect('{'); const fields = [];
        while (!P.eat('}')) { P.skipGates(); const f = P.id(); P.expect(':'); fields.push({ name: f, type: parseType(scope) }); P.eat(','); }
        scope.types.set(name, { kind: 'record', name, fields });
      } else if (kw === 'variant') {
        P.next(); const name = P.id(); P.expect('{'); const cases = [];
        while (!P.eat('}')) {
          P.skipGates(); const c = P.id(); let type = null;
          if (P.eat('(')) { type = parseType(scope); P.expect(')'); }
          cases.push({ name: c, type }); P.eat(',');
        }
        scope.types.set(name, { kind: 'variant', name, cases });
      } else if (kw === 'enum' || kw === 'flags') {
        P.next(); const name = P.id(); P.expect('{'); const names = [];
        while (!P.eat('}')) { P.skipGates(); names.push(P.id()); P.eat(','); }
        scope.types.set(name, kw === 'enum' ? { kind: 'enum', name, cases: names } : { kind: 'flags', name, names });
      } else if (kw === 'type') {
        P.next(); const name = P.id(); P.expect('='); const t = parseType(scope); P.expect(';');
        scope.types.set(name, t);
      } else if (kw === 'resource') {
        P.next(); const name = P.id();
        const res = { kind: 'resource', name, iface: scope.id };
        scope.types.set(name, res);
        if (P.eat(';')) continue;
        P.expect('{');
        while (!P.eat('}')) {
          P.skipGates();
          if (P.eat('constructor')) {
            const sig = parseParamsResult(scope); P.expect(';');
            onFunc(`[constructor]${name}`, { ...sig, result: sig.result || { kind: 'own', res: { kind: 'ref', name, scope } } }, { type: 'constructor', resource: name });
          } else {
            const m = P.id(); P.expect(':');
            const isStatic = P.eat('static');
            const sig = parseFuncSig(scope); P.expect(';');
            if (isStatic) onFunc(`[static]${name}.${m}`, sig, { type: 'static', resource: name, fn: m });
            else {
              sig.params.unshift({ name: 'self', type: { kind: 'borrow', res: { kind: 'ref', name, scope } } });
              onFunc(`[method]${name}.${m}`, sig, { type: 'method', resource: name, fn: m });
            }
          }
        }
      } else if (kw === 'import' || kw === 'export' || kw === 'include') {
        if (!onWorldItem) throw new Error(`wit: ${kw} outside a world`);
        onWorldItem();
      } else {
        const name = P.id(); P.expect(':');
        const sig = parseFuncSig(scope); P.expect(';');
        onFunc(name, sig, { type: 'func', fn: name });
      }
    }
  }

  const exportsByName = new Map(); // canonical name -> function info
  const worldExports = []; // [{kind:'func'|'interface', ...}]

  function parseInterface(pkg) {
    P.next(); // interface
    const name = P.id();
    const id = pkg ? `${pkg.name.replace(/@.*/, '')}/${name}${pkg.name.includes('@') ? '@' + pkg.name.split('@')[1] : ''}` : name;
    const scope = { id, name, types: new Map(), funcs: new Map(), pkg };
    parseItems(scope, (fname, sig, how) => scope.funcs.set(fname, { name: fname, ...sig, how }));
    if (pkg) pkg.interfaces.set(name, scope);
    return scope;
  }

  function parseWorld(pkg) {
    P.next(); // world
    const name = P.id();
    const scope = { id: name, name, types: new Map(), funcs: new Map(), pkg, items: [] };
    pkg.worlds.set(name, scope);
    parseItems(scope, () => { throw new Error('wit: bare function in world'); }, () => {
      const dir = P.next();
      if (dir === 'include') { P.qualName(); P.expect(';'); return; }
      // export name: func(...)  |  export name: interface { }  |  export ns:pkg/iface@v;
      if (P.peek(1) === ':' && !/[/@]/.test(P.peek(3) || '') && ['func', 'async', 'interface'].includes(P.peek(2))) {
        const iname = P.id(); P.expect(':');
        if (P.peek() === 'interface') {
          const inner = { id: iname, name: iname, types: new Map(), funcs: new Map(), pkg };
          P.next();
          parseItems(inner, (fname, sig, how) => inner.funcs.set(fname, { name: fname, ...sig, how }));
          scope.items.push({ dir, kind: 'interface', inline: inner, key: iname });
        } else {
          const sig = parseFuncSig(scope); P.expect(';');
          scope.items.push({ dir, kind: 'func', name: iname, sig });
        }
      } else {
        const path = P.qualName(); P.expect(';');
        scope.items.push({ dir, kind: 'interface', path });
      }
    });
    return scope;
  }

  while (P.p < P.t.length) {
    P.skipGates();
    const kw = P.peek();
    if (kw === 'package') {
      P.next();
      const name = P.qualName();
      const pkg = pkgOf(name);
      if (P.eat(';')) { topPkg = pkg; continue; }
      P.expect('{');
      while (!P.eat('}')) {
        P.skipGates();
        if (P.peek() === 'interface') parseInterface(pkg);
        else if (P.peek() === 'world') parseWorld(pkg);
        else throw new Error(`wit: unexpected ${P.peek()} in package ${name}`);
      }
    } else if (kw === 'interface') parseInterface(topPkg);
    else if (kw === 'world') parseWorld(topPkg);
    else if (kw === 'use') { P.next(); P.qualName(); if (P.eat('as')) P.id(); P.expect(';'); }
    else throw new Error(`wit: unexpected top-level ${kw}`);
  }

  // Find an interface by path: "ns:pkg/iface@ver", "ns:pkg/iface", or a bare name in `near`'s package.
  function findInterface(path, near) {
    const m = /^([^/]+)\/([^@]+)(?:@(.+))?$/.exec(path);
    if (!m) {
      const pkg = near && near.pkg;
      if (pkg && pkg.interfaces.has(path)) return pkg.interfaces.get(path);
      throw new Error(`wit: unknown interface ${path}`);
    }
    for (const pkg of packages.values()) {
      const base = pkg.name.replace(/@.*/, '');
      const ver = pkg.name.includes('@') ? pkg.name.split('@')[1] : undefined;
      if (base === m[1] && (m[3] === undefined || m[3] === ver) && pkg.interfaces.has(m[2])) return pkg.interfaces.get(m[2]);
    }
    throw new Error(`wit: unknown interface ${path}`);
  }

  // Resolve `ref`s and `use`s into the named definitions, in place.
  const resolving = new Set();
  function lookup(name, scope) {
    let t = scope.types.get(name);
    if (!t) throw new Error(`wit: unknown type ${name} in ${scope.id}`);
    if (t.kind === 'use') {
      const target = findInterface(t.path, t.scope);
      return lookup(t.name, target);
    }
    return t;
  }
  function resolve(t) {
    if (!t) return t;
    if (t.kind === 'ref') return resolve(lookup(t.name, t.scope));
    if (resolving.has(t)) return t;
    resolving.add(t);
    switch (t.kind) {
      case 'list': t.elem = resolve(t.elem); break;
      case 'option': t.inner = resolve(t.inner); break;
      case 'map': t.key = resolve(t.key); t.val = resolve(t.val); break;
      case 'result': t.ok = resolve(t.ok); t.err = resolve(t.err); break;
      case 'tuple': t.types = t.types.map(resolve); break;
      case 'own': case 'borrow': t.res = resolve(t.res); break;
      case 'record': for (const f of t.fields) f.type = resolve(f.type); break;
      case 'variant': for (const c of t.cases) c.type = resolve(c.type); break;
      default: break;
    }
    return t;
  }
  const resolveSig = (f) => { for (const p of f.params) p.type = resolve(p.type); f.result = resolve(f.result); };

  // Pick the world: the only one in the top-level package (jco wit prints `root`).
  const worlds = [...(topPkg ? topPkg.worlds.values() : [])];
  if (worlds.length !== 1) throw new Error(`wit: expected exactly one world in the top package, found ${worlds.length}`);
  const world = worlds[0];
  for (const item of world.items) {
    if (item.dir !== 'export') continue;
    if (item.kind === 'func') {
      const f = { name: item.name, ...item.sig, how: { type: 'func', fn: item.name }, iface: null };
      resolveSig(f);
      exportsByName.set(item.name, f);
      worldExports.push({ kind: 'func', name: item.name });
    } else {
      const iface = item.inline || findInterface(item.path, world);
      const ifaceName = item.inline ? item.key : (item.path.includes('/') ? item.path : iface.id);
      for (const f of iface.funcs.values()) {
        const info = { ...f, iface: { name: ifaceName, short: iface.name } };
        resolveSig(info);
        exportsByName.set(`${ifaceName}#${f.name}`, info);
      }
      worldExports.push({ kind: 'interface', name: ifaceName });
    }
  }
  return { exports: exportsByName, worldExports, packages };
}
