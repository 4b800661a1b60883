// Parser for *.cases files (format documented in ../README.md).
//   line      := stmt (';' stmt)* ['=>' expect]      ('#' starts a comment line)
//   stmt      := ['$'var '='] call | 'drop(' '$'var ')'
//   call      := canonical-name '(' [wave-or-$var (',' wave-or-$var)*] ')'
//   expect    := wave-value | 'trap' | '?'
import { WaveParser, parseValue } from './wave.mjs';

export function parseCasesFile(text, file) {
  const cases = [];
  text.split('\n').forEach((raw, idx) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    try {
      cases.push({ line: idx + 1, ...parseCaseLine(line) });
    } catch (e) {
      throw new Error(`${file}:${idx + 1}: ${e.message}`);
    }
  });
  return cases;
}

export function parseCaseLine(line) {
  const p = new WaveParser(line);
  const stmts = [];
  let expect = null;
  let callEnd;
  for (;;) {
    p.ws();
    let bind = null;
    const m = /^\$([A-Za-z_][A-Za-z0-9_-]*)\s*=(?!>)/.exec(line.slice(p.i));
    if (m) { bind = m[1]; p.i += m[0].length; p.ws(); }
    const open = line.indexOf('(', p.i);
    if (open < 0) p.fail('expected a call');
    const name = line.slice(p.i, open).trim();
    if (!name || /\s/.test(name)) p.fail('bad function name');
    p.i = open;
    const args = p.seq('(', ')', () => p.value());
    stmts.push(name === 'drop' ? { drop: true, args } : { bind, name, args });
    callEnd = p.i;
    p.ws();
    if (p.i >= line.length) break;
    if (line[p.i] === ';') { p.i++; continue; }
    if (line.startsWith('=>', p.i)) {
      const rest = line.slice(p.i + 2).trim();
      if (rest === 'trap') expect = { trap: true };
      else if (rest === '?') expect = null;
      else expect = { value: parseValue(rest), text: rest };
      break;
    }
    p.fail("expected ';' or '=>'");
  }
  return { call: line.slice(0, callEnd).trim(), stmts, expect };
}
