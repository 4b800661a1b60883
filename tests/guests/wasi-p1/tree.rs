// WASI preview 1 conformance program (Rust std, Debian's rustc --target wasm32-wasi): prints its
// program name, arguments and environment, then makes a directory tree under the preopen /data,
// writes, appends, renames, hard-links, symlinks and walks it, printing what it sees. Built as a
// plain wasip1 command and through the preview1 command adapter; the node:wasi oracle runs it too.
use std::fs::{self, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::wasi::io::AsRawFd;
use std::path::Path;

// std's symlink for WASI is unstable in Rust 1.63: call preview 1's path_symlink from an open directory.
#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    fn path_symlink(old_ptr: *const u8, old_len: usize, fd: i32, new_ptr: *const u8, new_len: usize) -> u16;
}

fn symlink(target: &str, dir: &Path, name: &str) -> std::io::Result<()> {
    let d = fs::File::open(dir)?;
    let rc = unsafe { path_symlink(target.as_ptr(), target.len(), d.as_raw_fd(), name.as_ptr(), name.len()) };
    if rc == 0 { Ok(()) } else { Err(std::io::Error::from_raw_os_error(rc as i32)) }
}

fn show<T, E: std::fmt::Display>(what: &str, r: Result<T, E>) -> Option<T> {
    match r {
        Ok(v) => {
            println!("{}: ok", what);
            Some(v)
        }
        Err(e) => {
            println!("{}: error {}", what, e);
            None
        }
    }
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<String>) {
    let mut entries: Vec<_> = match fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok()).collect(),
        Err(e) => {
            out.push(format!("{}read_dir {}: {}", "  ".repeat(depth), dir.display(), e));
            return;
        }
    };
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        let meta = fs::symlink_metadata(&p).expect("lstat");
        let pad = "  ".repeat(depth);
        if meta.file_type().is_symlink() {
            let target = fs::read_link(&p).map(|t| t.display().to_string()).unwrap_or_else(|e| e.to_string());
            out.push(format!("{}{} -> {}", pad, name, target));
        } else if meta.is_dir() {
            out.push(format!("{}{}/", pad, name));
            walk(&p, depth + 1, out);
        } else {
            let text = fs::read_to_string(&p).unwrap_or_else(|e| e.to_string());
            out.push(format!("{}{} ({} bytes) {:?}", pad, name, meta.len(), text));
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    println!("args {}", args.len());
    for (i, a) in args.iter().enumerate() {
        println!("arg[{}] {:?}", i, a);
    }
    let mut vars: Vec<(String, String)> = std::env::vars().collect();
    vars.sort();
    println!("vars {}", vars.len());
    for (k, v) in &vars {
        println!("var {}={:?}", k, v);
    }

    let root = Path::new("/data");
    show("create_dir_all tree/a/b", fs::create_dir_all(root.join("tree/a/b")));
    show("create_dir tree/c", fs::create_dir(root.join("tree/c")));
    show("write tree/a/one.txt", fs::write(root.join("tree/a/one.txt"), "one\n"));
    if let Some(mut f) = show("open tree/a/one.txt append", OpenOptions::new().append(true).open(root.join("tree/a/one.txt"))) {
        show("append", f.write_all(b"more\n"));
    }
    if let Some(mut f) = show("create tree/log.txt", fs::File::create(root.join("tree/log.txt"))) {
        show("write log", f.write_all(b"0123456789"));
        show("seek 4", f.seek(SeekFrom::Start(4)));
        show("overwrite", f.write_all(b"ab"));
    }
    if let Some(mut f) = show("open log read+append", OpenOptions::new().read(true).append(true).open(root.join("tree/log.txt"))) {
        show("append to log", f.write_all(b"!"));
        show("rewind", f.seek(SeekFrom::Start(0)));
        let mut s = String::new();
        show("read log", f.read_to_string(&mut s));
        println!("log {:?}", s);
    }
    show("rename one.txt -> b/two.txt", fs::rename(root.join("tree/a/one.txt"), root.join("tree/a/b/two.txt")));
    show("rename c -> d", fs::rename(root.join("tree/c"), root.join("tree/d")));
    show("hard_link two.txt -> d/twin.txt", fs::hard_link(root.join("tree/a/b/two.txt"), root.join("tree/d/twin.txt")));
    show("append via twin", OpenOptions::new().append(true).open(root.join("tree/d/twin.txt")).and_then(|mut f| f.write_all(b"twin\n")));
    show("symlink d/up -> ../a", symlink("../a", &root.join("tree/d"), "up"));
    show("read through symlink", fs::read_to_string(root.join("tree/d/up/b/two.txt")).map(|s| println!("through link {:?}", s)));
    show("symlink escaping", symlink("../../..", &root.join("tree"), "esc"));
    show("read ../ out of the preopen", fs::read_to_string(root.join("../outside/secret")));
    show("remove_dir non-empty tree/a", fs::remove_dir(root.join("tree/a")));
    show("remove_file a missing one", fs::remove_file(root.join("tree/none")));
    match fs::metadata(root.join("tree/d/twin.txt")) {
        Ok(m) => println!("twin len {}", m.len()),
        Err(e) => println!("twin metadata: {}", e),
    }
    let mut lines = Vec::new();
    walk(&root.join("tree"), 0, &mut lines);
    println!("walk:");
    for l in lines {
        println!("{}", l);
    }
    show("remove_dir_all tree/a", fs::remove_dir_all(root.join("tree/a")));
    let mut left = Vec::new();
    walk(root, 0, &mut left);
    println!("left: {}", left.join(" | "));
}
