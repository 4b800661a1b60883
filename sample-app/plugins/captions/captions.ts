// captions: exports witbox:sample/captions@0.1.0 (../../src/main/wit/world.wit, world `captioner`)
// from AssemblyScript, with the canonical ABI written by hand. ../build.sh compiles this file with
// `asc --runtime stub` (a bump allocator that never frees: with the pool's FRESH isolation every
// call starts from the post-initialisation memory anyway), then renames the exports to their
// component names (AssemblyScript cannot spell `witbox:sample/captions@0.1.0#describe`) and makes
// the component with jco.
//
// describe: func(photo: photo) -> caption flattens to
//   (file-name ptr, len, width, height, format ptr, len, size-bytes: i64, filters ptr, len)
// and returns a pointer to the caption: three strings, (ptr, len) each.

// Failed assertions and array bounds trap instead of calling the host (`--use abort=...`).
export function trap(message: usize, file: usize, line: u32, column: u32): void {
  unreachable();
}

// ------------------------------------------------------------------ the canonical ABI glue

export function cabi_realloc(old: usize, oldSize: usize, align: usize, newSize: usize): usize {
  if (align > 16) unreachable();
  if (newSize == 0) return 16; // an aligned address; zero-length buffers are never read
  const fresh = heap.alloc(newSize);
  if (oldSize != 0) memory.copy(fresh, old, min(oldSize, newSize));
  return fresh;
}

function liftString(ptr: usize, len: usize): string {
  return String.UTF8.decodeUnsafe(ptr, len, false);
}

// Lowers `s` into a fresh block and writes (ptr, len) at `at`.
function lowerString(s: string, at: usize): void {
  const bytes = String.UTF8.encode(s, false);
  const len = <usize>bytes.byteLength;
  const ptr = heap.alloc(max<usize>(len, 1));
  memory.copy(ptr, changetype<usize>(bytes), len);
  store<u32>(at, <u32>ptr);
  store<u32>(at + 4, <u32>len);
}

// ------------------------------------------------------------------ the text

const ACCENTED = "àáâãäåçèéêëìíîïñòóôõöøùúûüýÿ";
const PLAIN = "aaaaaaceeeeiiiinoooooouuuuyy";

// lower-case ASCII letters and digits, every other run of characters one '-', at most 60 long
function slugOf(base: string): string {
  let out = "";
  let dash = false;
  const lower = base.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    let c = lower.charAt(i);
    const k = ACCENTED.indexOf(c);
    if (k >= 0) c = PLAIN.charAt(k);
    if (c == "ß") c = "ss";
    const code = c.charCodeAt(0);
    const alnum = c.length == 1 && ((code >= 97 && code <= 122) || (code >= 48 && code <= 57));
    if (alnum || c == "ss") {
      if (dash && out.length > 0) out += "-";
      out += c;
      dash = false;
    } else {
      dash = true;
    }
    if (out.length >= 60) break;
  }
  if (out.length > 60) out = out.substring(0, 60);
  while (out.endsWith("-")) out = out.substring(0, out.length - 1);
  return out.length == 0 ? "photo" : out;
}

function baseName(fileName: string): string {
  let name = fileName;
  const slash = max(name.lastIndexOf("/"), name.lastIndexOf("\\"));
  if (slash >= 0) name = name.substring(slash + 1);
  const dot = name.lastIndexOf(".");
  if (dot > 0) name = name.substring(0, dot);
  return name;
}

// "harbour_at-dusk" -> "Harbour at dusk"
function titleOf(base: string): string {
  let words = "";
  let space = false;
  for (let i = 0; i < base.length; i++) {
    const c = base.charAt(i);
    if (c == "_" || c == "-" || c == " " || c == ".") {
      space = true;
    } else {
      if (space && words.length > 0) words += " ";
      words += c;
      space = false;
    }
  }
  if (words.length == 0) return "Untitled";
  return words.charAt(0).toUpperCase() + words.substring(1);
}

// 1 decimal above 1 KiB: "812 B", "3.4 KiB", "2.1 MiB"
function sizeOf(bytes: u64): string {
  if (bytes < 1024) return bytes.toString() + " B";
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let unit = 0;
  let scaled = <f64>bytes / 1024.0;
  while (scaled >= 1024.0 && unit < units.length - 1) {
    scaled /= 1024.0;
    unit++;
  }
  const tenths = <u64>Math.round(scaled * 10.0);
  return (tenths / 10).toString() + "." + (tenths % 10).toString() + " " + units[unit];
}

// ------------------------------------------------------------------ the export

export function describe(namePtr: usize, nameLen: usize, width: u32, height: u32, formatPtr: usize, formatLen: usize,
                         sizeBytes: u64, filtersPtr: usize, filtersLen: usize): usize {
  const fileName = liftString(namePtr, nameLen);
  const format = liftString(formatPtr, formatLen).toUpperCase();
  const filters = new Array<string>();
  for (let i: usize = 0; i < filtersLen; i++) {
    const at = filtersPtr + i * 8;
    filters.push(liftString(<usize>load<u32>(at), <usize>load<u32>(at + 4)));
  }
  const base = baseName(fileName);
  let slug = slugOf(base);
  for (let i = 0; i < filters.length; i++) slug += "-" + slugOf(filters[i]);
  const dims = width.toString() + " × " + height.toString();
  const title = "\u201C" + titleOf(base) + "\u201D \u2014 " + dims + " " + format + ", " + sizeOf(sizeBytes);
  let alt = format + " photo, " + width.toString() + " by " + height.toString() + " pixels";
  if (filters.length > 0) alt += ", filtered: " + filters.join(", ");

  const area = heap.alloc(24);
  lowerString(slug, area);
  lowerString(title, area + 8);
  lowerString(alt, area + 16);
  return area;
}
