//! `values` guest: exports `demo:values/echo` (world.wit) with canonical ABI
//! glue written by hand — no wit-bindgen, no crates — following
//! CanonicalABI.md: flattening, MAX_FLAT_PARAMS = 16 / MAX_FLAT_RESULTS = 1,
//! return pointers, `cabi_realloc`, `cabi_post_*`.
//!
//! Built by ../build.sh with Debian's rustc for `wasm32-unknown-unknown`
//! (the wasm32-wasi std imports fd_write/environ_* even in a cdylib; this one
//! imports nothing). Every function lifts its arguments into owned Rust values
//! (freeing the buffers the host allocated through `cabi_realloc`), computes,
//! and lowers the result into fresh allocations that `cabi_post_*` frees.

use std::fmt::Write as _;

// ------------------------------------------------------------------ memory

fn trap() -> ! {
    core::arch::wasm32::unreachable()
}

/// Allocations carry an 8-byte header with their size, so `free` needs only the
/// pointer (the ABI gives alignments up to 8; the header keeps that).
mod mem {
    use std::alloc::{alloc, dealloc, realloc as sys_realloc, Layout};

    /// Where every zero-length allocation points. Never freed.
    static mut EMPTY: u64 = 0;

    pub fn empty() -> *mut u8 {
        unsafe { &mut EMPTY as *mut u64 as *mut u8 }
    }

    unsafe fn layout(size: usize) -> Layout {
        Layout::from_size_align_unchecked(size + 8, 8)
    }

    pub unsafe fn alloc_bytes(size: usize) -> *mut u8 {
        if size == 0 {
            return empty();
        }
        let base = alloc(layout(size));
        if base.is_null() {
            super::trap();
        }
        *(base as *mut usize) = size;
        base.add(8)
    }

    /// Frees a block from `alloc_bytes`. Pointers that can't be ours (the
    /// empty block, or the small dummy pointers some hosts pass with a zero
    /// length: jco passes 1 for "") are ignored.
    pub unsafe fn free(p: *mut u8) {
        if p == empty() || (p as usize) < 64 {
            return;
        }
        let base = p.sub(8);
        dealloc(base, layout(*(base as *const usize)));
    }

    pub unsafe fn realloc(old: *mut u8, old_size: usize, new_size: usize) -> *mut u8 {
        if old_size == 0 || old == empty() || (old as usize) < 64 {
            return alloc_bytes(new_size);
        }
        if new_size == 0 {
            free(old);
            return empty();
        }
        let base = old.sub(8);
        let nb = sys_realloc(base, layout(*(base as *const usize)), new_size + 8);
        if nb.is_null() {
            super::trap();
        }
        *(nb as *mut usize) = new_size;
        nb.add(8)
    }
}

#[no_mangle]
pub unsafe extern "C" fn cabi_realloc(old: *mut u8, old_size: usize, align: usize, new_size: usize) -> *mut u8 {
    if align > 8 {
        trap();
    }
    mem::realloc(old, old_size, new_size)
}

/// The return area for results that don't fit MAX_FLAT_RESULTS (one value).
#[repr(C, align(8))]
struct RetArea([u8; 256]);
static mut RET: RetArea = RetArea([0; 256]);
fn ret_area() -> *mut u8 {
    unsafe { RET.0.as_mut_ptr() }
}

// ------------------------------------------------------------------ layout

const fn align_to(x: usize, a: usize) -> usize {
    (x + a - 1) / a * a
}
const fn max(a: usize, b: usize) -> usize {
    if a > b { a } else { b }
}

/// Field offsets, size and alignment of a record (CanonicalABI.md elem_size /
/// alignment of a record: each field aligned, size rounded up to the max).
const fn record_layout<const N: usize>(sizes: [usize; N], aligns: [usize; N]) -> ([usize; N], usize, usize) {
    let mut offs = [0usize; N];
    let mut s = 0;
    let mut a = 1;
    let mut i = 0;
    while i < N {
        s = align_to(s, aligns[i]);
        offs[i] = s;
        s += sizes[i];
        a = max(a, aligns[i]);
        i += 1;
    }
    (offs, align_to(s, a), a)
}

/// A value that can be lifted from / lowered into linear memory.
trait Abi: Sized {
    const SIZE: usize;
    const ALIGN: usize;
    /// Lift from memory, taking ownership: buffers the value points to
    /// (strings, lists) were allocated by the host in our memory and are freed.
    unsafe fn load(p: *const u8) -> Self;
    /// Lower into memory, allocating fresh buffers for strings and lists.
    unsafe fn store(&self, p: *mut u8);
    /// Post-return: free the buffers `store` allocated.
    unsafe fn free_stored(_p: *const u8) {}
}

macro_rules! prim {
    ($t:ty) => {
        impl Abi for $t {
            const SIZE: usize = std::mem::size_of::<$t>();
            const ALIGN: usize = std::mem::size_of::<$t>();
            unsafe fn load(p: *const u8) -> Self {
                (p as *const $t).read()
            }
            unsafe fn store(&self, p: *mut u8) {
                (p as *mut $t).write(*self)
            }
        }
    };
}
prim!(u8);
prim!(i8);
prim!(u16);
prim!(i16);
prim!(u32);
prim!(i32);
prim!(u64);
prim!(i64);
prim!(f32);
prim!(f64);

impl Abi for () {
    const SIZE: usize = 0;
    const ALIGN: usize = 1;
    unsafe fn load(_p: *const u8) -> Self {}
    unsafe fn store(&self, _p: *mut u8) {}
}

impl Abi for bool {
    const SIZE: usize = 1;
    const ALIGN: usize = 1;
    unsafe fn load(p: *const u8) -> Self {
        *p != 0
    }
    unsafe fn store(&self, p: *mut u8) {
        *p = *self as u8
    }
}

fn lift_char(c: u32) -> char {
    match char::from_u32(c) {
        Some(c) => c,
        None => trap(),
    }
}

impl Abi for char {
    const SIZE: usize = 4;
    const ALIGN: usize = 4;
    unsafe fn load(p: *const u8) -> Self {
        lift_char((p as *const u32).read())
    }
    unsafe fn store(&self, p: *mut u8) {
        (p as *mut u32).write(*self as u32)
    }
}

/// Lift an owned string argument (ptr, len) and free its buffer.
unsafe fn lift_string(ptr: *mut u8, len: usize) -> String {
    let bytes = std::slice::from_raw_parts(ptr, len).to_vec();
    if len > 0 {
        mem::free(ptr);
    }
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(_) => trap(),
    }
}

/// Lower a string into a fresh buffer: (ptr, len).
unsafe fn lower_string(s: &str) -> (*mut u8, usize) {
    let p = mem::alloc_bytes(s.len());
    std::ptr::copy_nonoverlapping(s.as_ptr(), p, s.len());
    (p, s.len())
}

impl Abi for String {
    const SIZE: usize = 8;
    const ALIGN: usize = 4;
    unsafe fn load(p: *const u8) -> Self {
        let ptr = (p as *const u32).read() as *mut u8;
        let len = (p.add(4) as *const u32).read() as usize;
        lift_string(ptr, len)
    }
    unsafe fn store(&self, p: *mut u8) {
        let (ptr, len) = lower_string(self);
        (p as *mut u32).write(ptr as u32);
        (p.add(4) as *mut u32).write(len as u32);
    }
    unsafe fn free_stored(p: *const u8) {
        mem::free((p as *const u32).read() as *mut u8)
    }
}

unsafe fn lift_list<T: Abi>(ptr: *mut u8, len: usize) -> Vec<T> {
    let mut v = Vec::with_capacity(len);
    for i in 0..len {
        v.push(T::load(ptr.add(i * T::SIZE)));
    }
    if len > 0 {
        mem::free(ptr);
    }
    v
}

unsafe fn lower_list<T: Abi>(v: &[T]) -> (*mut u8, usize) {
    let p = mem::alloc_bytes(v.len() * T::SIZE);
    for (i, x) in v.iter().enumerate() {
        x.store(p.add(i * T::SIZE));
    }
    (p, v.len())
}

unsafe fn free_list<T: Abi>(ptr: *mut u8, len: usize) {
    for i in 0..len {
        T::free_stored(ptr.add(i * T::SIZE));
    }
    mem::free(ptr);
}

impl<T: Abi> Abi for Vec<T> {
    const SIZE: usize = 8;
    const ALIGN: usize = 4;
    unsafe fn load(p: *const u8) -> Self {
        let ptr = (p as *const u32).read() as *mut u8;
        let len = (p.add(4) as *const u32).read() as usize;
        lift_list(ptr, len)
    }
    unsafe fn store(&self, p: *mut u8) {
        let (ptr, len) = lower_list(self);
        (p as *mut u32).write(ptr as u32);
        (p.add(4) as *mut u32).write(len as u32);
    }
    unsafe fn free_stored(p: *const u8) {
        let ptr = (p as *const u32).read() as *mut u8;
        let len = (p.add(4) as *const u32).read() as usize;
        free_list::<T>(ptr, len)
    }
}

/// option<T>: u8 discriminant, payload at align_to(1, align(T)).
impl<T: Abi> Abi for Option<T> {
    const ALIGN: usize = max(1, T::ALIGN);
    const SIZE: usize = align_to(align_to(1, T::ALIGN) + T::SIZE, Self::ALIGN);
    unsafe fn load(p: *const u8) -> Self {
        match *p {
            0 => None,
            1 => Some(T::load(p.add(align_to(1, T::ALIGN)))),
            _ => trap(),
        }
    }
    unsafe fn store(&self, p: *mut u8) {
        match self {
            None => *p = 0,
            Some(x) => {
                *p = 1;
                x.store(p.add(align_to(1, T::ALIGN)))
            }
        }
    }
    unsafe fn free_stored(p: *const u8) {
        if *p == 1 {
            T::free_stored(p.add(align_to(1, T::ALIGN)))
        }
    }
}

/// result<T, E>: u8 discriminant, payload at align_to(1, max(align(T), align(E))).
impl<T: Abi, E: Abi> Abi for Result<T, E> {
    const ALIGN: usize = max(T::ALIGN, E::ALIGN);
    const SIZE: usize = align_to(align_to(1, Self::ALIGN) + max(T::SIZE, E::SIZE), Self::ALIGN);
    unsafe fn load(p: *const u8) -> Self {
        let off = align_to(1, Self::ALIGN);
        match *p {
            0 => Ok(T::load(p.add(off))),
            1 => Err(E::load(p.add(off))),
            _ => trap(),
        }
    }
    unsafe fn store(&self, p: *mut u8) {
        let off = align_to(1, Self::ALIGN);
        match self {
            Ok(x) => {
                *p = 0;
                x.store(p.add(off))
            }
            Err(e) => {
                *p = 1;
                e.store(p.add(off))
            }
        }
    }
    unsafe fn free_stored(p: *const u8) {
        let off = align_to(1, Self::ALIGN);
        match *p {
            0 => T::free_stored(p.add(off)),
            _ => E::free_stored(p.add(off)),
        }
    }
}

impl<A: Abi, B: Abi> Abi for (A, B) {
    const SIZE: usize = record_layout([A::SIZE, B::SIZE], [A::ALIGN, B::ALIGN]).1;
    const ALIGN: usize = record_layout([A::SIZE, B::SIZE], [A::ALIGN, B::ALIGN]).2;
    unsafe fn load(p: *const u8) -> Self {
        let o = record_layout([A::SIZE, B::SIZE], [A::ALIGN, B::ALIGN]).0;
        (A::load(p.add(o[0])), B::load(p.add(o[1])))
    }
    unsafe fn store(&self, p: *mut u8) {
        let o = record_layout([A::SIZE, B::SIZE], [A::ALIGN, B::ALIGN]).0;
        self.0.store(p.add(o[0]));
        self.1.store(p.add(o[1]));
    }
    unsafe fn free_stored(p: *const u8) {
        let o = record_layout([A::SIZE, B::SIZE], [A::ALIGN, B::ALIGN]).0;
        A::free_stored(p.add(o[0]));
        B::free_stored(p.add(o[1]));
    }
}

impl<A: Abi, B: Abi, C: Abi> Abi for (A, B, C) {
    const SIZE: usize = record_layout([A::SIZE, B::SIZE, C::SIZE], [A::ALIGN, B::ALIGN, C::ALIGN]).1;
    const ALIGN: usize = record_layout([A::SIZE, B::SIZE, C::SIZE], [A::ALIGN, B::ALIGN, C::ALIGN]).2;
    unsafe fn load(p: *const u8) -> Self {
        let o = record_layout([A::SIZE, B::SIZE, C::SIZE], [A::ALIGN, B::ALIGN, C::ALIGN]).0;
        (A::load(p.add(o[0])), B::load(p.add(o[1])), C::load(p.add(o[2])))
    }
    unsafe fn store(&self, p: *mut u8) {
        let o = record_layout([A::SIZE, B::SIZE, C::SIZE], [A::ALIGN, B::ALIGN, C::ALIGN]).0;
        self.0.store(p.add(o[0]));
        self.1.store(p.add(o[1]));
        self.2.store(p.add(o[2]));
    }
    unsafe fn free_stored(p: *const u8) {
        let o = record_layout([A::SIZE, B::SIZE, C::SIZE], [A::ALIGN, B::ALIGN, C::ALIGN]).0;
        A::free_stored(p.add(o[0]));
        B::free_stored(p.add(o[1]));
        C::free_stored(p.add(o[2]));
    }
}

// ------------------------------------------------------------------ WIT types

#[derive(Clone, Copy)]
struct Point {
    x: i32,
    y: i32,
}

impl Abi for Point {
    const SIZE: usize = 8;
    const ALIGN: usize = 4;
    unsafe fn load(p: *const u8) -> Self {
        Point { x: i32::load(p), y: i32::load(p.add(4)) }
    }
    unsafe fn store(&self, p: *mut u8) {
        self.x.store(p);
        self.y.store(p.add(4));
    }
}

#[derive(Clone, Copy)]
enum Color {
    Red,
    Green,
    Blue,
}

impl Color {
    fn lift(d: u32) -> Color {
        match d {
            0 => Color::Red,
            1 => Color::Green,
            2 => Color::Blue,
            _ => trap(),
        }
    }
}

impl Abi for Color {
    const SIZE: usize = 1;
    const ALIGN: usize = 1;
    unsafe fn load(p: *const u8) -> Self {
        Color::lift(*p as u32)
    }
    unsafe fn store(&self, p: *mut u8) {
        *p = *self as u8
    }
}

enum Shape {
    Circle(f32),
    Rect(Point),
    Empty,
    Label(String),
    Huge(u64),
}

impl Shape {
    /// Flat form (i32 discriminant, i64, i32): position 0 joins f32, i32 (x),
    /// i32 (ptr) and i64 into i64; position 1 joins i32 (y) and i32 (len).
    unsafe fn lift_flat(d: i32, a: i64, b: i32) -> Shape {
        match d {
            0 => Shape::Circle(f32::from_bits(a as u32)),
            1 => Shape::Rect(Point { x: a as i32, y: b }),
            2 => Shape::Empty,
            3 => Shape::Label(lift_string(a as u32 as *mut u8, b as u32 as usize)),
            4 => Shape::Huge(a as u64),
            _ => trap(),
        }
    }
}

/// In memory: u8 discriminant, payload at offset 8 (max payload alignment is
/// 8, from u64), size 16.
impl Abi for Shape {
    const SIZE: usize = 16;
    const ALIGN: usize = 8;
    unsafe fn load(p: *const u8) -> Self {
        let q = p.add(8);
        match *p {
            0 => Shape::Circle(f32::load(q)),
            1 => Shape::Rect(Point::load(q)),
            2 => Shape::Empty,
            3 => Shape::Label(String::load(q)),
            4 => Shape::Huge(u64::load(q)),
            _ => trap(),
        }
    }
    unsafe fn store(&self, p: *mut u8) {
        let q = p.add(8);
        match self {
            Shape::Circle(r) => {
                *p = 0;
                r.store(q)
            }
            Shape::Rect(pt) => {
                *p = 1;
                pt.store(q)
            }
            Shape::Empty => *p = 2,
            Shape::Label(s) => {
                *p = 3;
                s.store(q)
            }
            Shape::Huge(n) => {
                *p = 4;
                n.store(q)
            }
        }
    }
    unsafe fn free_stored(p: *const u8) {
        if *p == 3 {
            String::free_stored(p.add(8))
        }
    }
}

struct Big {
    a_u8: u8,
    b_s8: i8,
    c_u16: u16,
    d_s16: i16,
    e_u32: u32,
    f_s32: i32,
    g_u64: u64,
    h_s64: i64,
    i_f32: f32,
    j_f64: f64,
    k_bool: bool,
    l_char: char,
    m_string: String,
    n_bytes: Vec<u8>,
    o_opt: Option<u32>,
    p_point: Point,
    q_color: Color,
}

const BIG: ([usize; 17], usize, usize) = record_layout(
    [1, 1, 2, 2, 4, 4, 8, 8, 4, 8, 1, 4, 8, 8, <Option<u32>>::SIZE, 8, 1],
    [1, 1, 2, 2, 4, 4, 8, 8, 4, 8, 1, 4, 4, 4, <Option<u32>>::ALIGN, 4, 1],
);

impl Abi for Big {
    const SIZE: usize = BIG.1;
    const ALIGN: usize = BIG.2;
    unsafe fn load(p: *const u8) -> Self {
        let o = BIG.0;
        Big {
            a_u8: Abi::load(p.add(o[0])),
            b_s8: Abi::load(p.add(o[1])),
            c_u16: Abi::load(p.add(o[2])),
            d_s16: Abi::load(p.add(o[3])),
            e_u32: Abi::load(p.add(o[4])),
            f_s32: Abi::load(p.add(o[5])),
            g_u64: Abi::load(p.add(o[6])),
            h_s64: Abi::load(p.add(o[7])),
            i_f32: Abi::load(p.add(o[8])),
            j_f64: Abi::load(p.add(o[9])),
            k_bool: Abi::load(p.add(o[10])),
            l_char: Abi::load(p.add(o[11])),
            m_string: Abi::load(p.add(o[12])),
            n_bytes: Abi::load(p.add(o[13])),
            o_opt: Abi::load(p.add(o[14])),
            p_point: Abi::load(p.add(o[15])),
            q_color: Abi::load(p.add(o[16])),
        }
    }
    unsafe fn store(&self, p: *mut u8) {
        let o = BIG.0;
        self.a_u8.store(p.add(o[0]));
        self.b_s8.store(p.add(o[1]));
        self.c_u16.store(p.add(o[2]));
        self.d_s16.store(p.add(o[3]));
        self.e_u32.store(p.add(o[4]));
        self.f_s32.store(p.add(o[5]));
        self.g_u64.store(p.add(o[6]));
        self.h_s64.store(p.add(o[7]));
        self.i_f32.store(p.add(o[8]));
        self.j_f64.store(p.add(o[9]));
        self.k_bool.store(p.add(o[10]));
        self.l_char.store(p.add(o[11]));
        self.m_string.store(p.add(o[12]));
        self.n_bytes.store(p.add(o[13]));
        self.o_opt.store(p.add(o[14]));
        self.p_point.store(p.add(o[15]));
        self.q_color.store(p.add(o[16]));
    }
    unsafe fn free_stored(p: *const u8) {
        let o = BIG.0;
        String::free_stored(p.add(o[12]));
        <Vec<u8>>::free_stored(p.add(o[13]));
    }
}

// ------------------------------------------------------------------ exports

/// Export names: `demo:values/echo@0.1.0#NAME`, post-return `cabi_post_` + that.
macro_rules! iface {
    ($name:literal) => {
        concat!("demo:values/echo@0.1.0#", $name)
    };
}
macro_rules! post {
    ($name:literal) => {
        concat!("cabi_post_demo:values/echo@0.1.0#", $name)
    };
}

/// Store a result in the return area and hand its pointer back.
unsafe fn ret<T: Abi>(v: T) -> *mut u8 {
    v.store(ret_area());
    ret_area()
}

// Scalars: flat in, flat out, nothing to free.
#[export_name = iface!("echo-bool")]
pub extern "C" fn echo_bool(x: i32) -> i32 {
    (x != 0) as i32
}
#[export_name = iface!("echo-u8")]
pub extern "C" fn echo_u8(x: i32) -> i32 {
    x as u8 as i32
}
#[export_name = iface!("echo-s8")]
pub extern "C" fn echo_s8(x: i32) -> i32 {
    x as i8 as i32
}
#[export_name = iface!("echo-u16")]
pub extern "C" fn echo_u16(x: i32) -> i32 {
    x as u16 as i32
}
#[export_name = iface!("echo-s16")]
pub extern "C" fn echo_s16(x: i32) -> i32 {
    x as i16 as i32
}
#[export_name = iface!("echo-u32")]
pub extern "C" fn echo_u32(x: i32) -> i32 {
    x
}
#[export_name = iface!("echo-s32")]
pub extern "C" fn echo_s32(x: i32) -> i32 {
    x
}
#[export_name = iface!("echo-u64")]
pub extern "C" fn echo_u64(x: i64) -> i64 {
    x
}
#[export_name = iface!("echo-s64")]
pub extern "C" fn echo_s64(x: i64) -> i64 {
    x
}
#[export_name = iface!("echo-f32")]
pub extern "C" fn echo_f32(x: f32) -> f32 {
    x
}
#[export_name = iface!("echo-f64")]
pub extern "C" fn echo_f64(x: f64) -> f64 {
    x
}
#[export_name = iface!("echo-char")]
pub extern "C" fn echo_char(x: u32) -> u32 {
    lift_char(x) as u32
}

// String-ish results: (ptr, len) through the return area, freed by post-return.
#[export_name = iface!("echo-string")]
pub unsafe extern "C" fn echo_string(ptr: *mut u8, len: usize) -> *mut u8 {
    ret(lift_string(ptr, len))
}
#[export_name = post!("echo-string")]
pub unsafe extern "C" fn post_string(p: *const u8) {
    String::free_stored(p)
}

#[export_name = iface!("echo-bytes")]
pub unsafe extern "C" fn echo_bytes(ptr: *mut u8, len: usize) -> *mut u8 {
    ret(lift_list::<u8>(ptr, len))
}
#[export_name = post!("echo-bytes")]
pub unsafe extern "C" fn post_bytes(p: *const u8) {
    <Vec<u8>>::free_stored(p)
}

#[export_name = iface!("echo-strings")]
pub unsafe extern "C" fn echo_strings(ptr: *mut u8, len: usize) -> *mut u8 {
    ret(lift_list::<String>(ptr, len))
}
#[export_name = post!("echo-strings")]
pub unsafe extern "C" fn post_strings(p: *const u8) {
    <Vec<String>>::free_stored(p)
}

#[export_name = iface!("echo-lists")]
pub unsafe extern "C" fn echo_lists(ptr: *mut u8, len: usize) -> *mut u8 {
    ret(lift_list::<Vec<u32>>(ptr, len))
}
#[export_name = post!("echo-lists")]
pub unsafe extern "C" fn post_lists(p: *const u8) {
    <Vec<Vec<u32>>>::free_stored(p)
}

#[export_name = iface!("echo-point")]
pub unsafe extern "C" fn echo_point(x: i32, y: i32) -> *mut u8 {
    ret(Point { x, y })
}

/// 21 flat params > 16: the host passes one pointer to the record, allocated
/// in our memory with cabi_realloc, which we own and free.
#[export_name = iface!("echo-big")]
pub unsafe extern "C" fn echo_big(p: *mut u8) -> *mut u8 {
    let b = Big::load(p);
    mem::free(p);
    ret(b)
}
#[export_name = post!("echo-big")]
pub unsafe extern "C" fn post_big(p: *const u8) {
    Big::free_stored(p)
}

#[export_name = iface!("echo-tuple")]
pub unsafe extern "C" fn echo_tuple(a: i32, ptr: *mut u8, len: usize, c: f64) -> *mut u8 {
    ret((a as u8, lift_string(ptr, len), c))
}
#[export_name = post!("echo-tuple")]
pub unsafe extern "C" fn post_tuple(p: *const u8) {
    <(u8, String, f64)>::free_stored(p)
}

#[export_name = iface!("echo-shape")]
pub unsafe extern "C" fn echo_shape(d: i32, a: i64, b: i32) -> *mut u8 {
    ret(Shape::lift_flat(d, a, b))
}
#[export_name = post!("echo-shape")]
pub unsafe extern "C" fn post_shape(p: *const u8) {
    Shape::free_stored(p)
}

#[export_name = iface!("echo-shapes")]
pub unsafe extern "C" fn echo_shapes(ptr: *mut u8, len: usize) -> *mut u8 {
    ret(lift_list::<Shape>(ptr, len))
}
#[export_name = post!("echo-shapes")]
pub unsafe extern "C" fn post_shapes(p: *const u8) {
    <Vec<Shape>>::free_stored(p)
}

#[export_name = iface!("echo-color")]
pub extern "C" fn echo_color(d: u32) -> u32 {
    Color::lift(d) as u32
}

#[export_name = iface!("echo-option")]
pub unsafe extern "C" fn echo_option(d: i32, x: i32) -> *mut u8 {
    let v: Option<u32> = match d {
        0 => None,
        1 => Some(x as u32),
        _ => trap(),
    };
    ret(v)
}

#[export_name = iface!("echo-option-string")]
pub unsafe extern "C" fn echo_option_string(d: i32, ptr: *mut u8, len: usize) -> *mut u8 {
    let v: Option<String> = match d {
        0 => None,
        1 => Some(lift_string(ptr, len)),
        _ => trap(),
    };
    ret(v)
}
#[export_name = post!("echo-option-string")]
pub unsafe extern "C" fn post_option_string(p: *const u8) {
    <Option<String>>::free_stored(p)
}

#[export_name = iface!("echo-option-option")]
pub unsafe extern "C" fn echo_option_option(d: i32, d2: i32, x: i32) -> *mut u8 {
    let v: Option<Option<u32>> = match (d, d2) {
        (0, _) => None,
        (1, 0) => Some(None),
        (1, 1) => Some(Some(x as u32)),
        _ => trap(),
    };
    ret(v)
}

#[export_name = iface!("echo-result")]
pub unsafe extern "C" fn echo_result(d: i32, a: i32, b: i32) -> *mut u8 {
    let v: Result<u32, String> = match d {
        0 => Ok(a as u32),
        1 => Err(lift_string(a as u32 as *mut u8, b as u32 as usize)),
        _ => trap(),
    };
    ret(v)
}
#[export_name = post!("echo-result")]
pub unsafe extern "C" fn post_result(p: *const u8) {
    <Result<u32, String>>::free_stored(p)
}

#[export_name = iface!("echo-result-ok")]
pub unsafe extern "C" fn echo_result_ok(d: i32, ptr: *mut u8, len: usize) -> *mut u8 {
    let v: Result<String, ()> = match d {
        0 => Ok(lift_string(ptr, len)),
        1 => Err(()),
        _ => trap(),
    };
    ret(v)
}
#[export_name = post!("echo-result-ok")]
pub unsafe extern "C" fn post_result_ok(p: *const u8) {
    <Result<String, ()>>::free_stored(p)
}

#[export_name = iface!("echo-result-err")]
pub unsafe extern "C" fn echo_result_err(d: i32, ptr: *mut u8, len: usize) -> *mut u8 {
    let v: Result<(), String> = match d {
        0 => Ok(()),
        1 => Err(lift_string(ptr, len)),
        _ => trap(),
    };
    ret(v)
}
#[export_name = post!("echo-result-err")]
pub unsafe extern "C" fn post_result_err(p: *const u8) {
    <Result<(), String>>::free_stored(p)
}

/// result with no payloads flattens to a single i32: returned directly.
#[export_name = iface!("echo-result-empty")]
pub extern "C" fn echo_result_empty(d: i32) -> i32 {
    match d {
        0 | 1 => d,
        _ => trap(),
    }
}

/// Flags: one i32 each; bits beyond the declared flags must be ignored on lift.
#[export_name = iface!("echo-perm5")]
pub extern "C" fn echo_perm5(x: i32) -> i32 {
    x & 0x1f
}
#[export_name = iface!("echo-perm12")]
pub extern "C" fn echo_perm12(x: i32) -> i32 {
    x & 0xfff
}
#[export_name = iface!("echo-perm32")]
pub extern "C" fn echo_perm32(x: i32) -> i32 {
    x
}

fn describe16(
    out: &mut String,
    a: u8, b: i8, c: u16, d: i16, e: u32, f: i32, g: u64, h: i64,
    i: f32, j: f64, k: bool, l: char, m: u32, n: i32, o: u64, p: f64,
) {
    let _ = write!(
        out,
        "{} {} {} {} {} {} {} {} {:?} {:?} {} {:?} {} {} {} {:?}",
        a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p
    );
}

#[export_name = iface!("many16")]
pub unsafe extern "C" fn many16(
    a: i32, b: i32, c: i32, d: i32, e: i32, f: i32, g: i64, h: i64,
    i: f32, j: f64, k: i32, l: u32, m: i32, n: i32, o: i64, p: f64,
) -> *mut u8 {
    let mut s = String::new();
    describe16(
        &mut s, a as u8, b as i8, c as u16, d as i16, e as u32, f, g as u64, h,
        i, j, k != 0, lift_char(l), m as u32, n, o as u64, p,
    );
    ret(s)
}
#[export_name = post!("many16")]
pub unsafe extern "C" fn post_many16(p: *const u8) {
    String::free_stored(p)
}

/// 17 flat params: one pointer to a record of all parameters, which we free.
#[export_name = iface!("many17")]
pub unsafe extern "C" fn many17(p: *mut u8) -> *mut u8 {
    let (o, _, _) = record_layout(
        [1, 1, 2, 2, 4, 4, 8, 8, 4, 8, 1, 4, 4, 4, 8, 8, 8],
        [1, 1, 2, 2, 4, 4, 8, 8, 4, 8, 1, 4, 4, 4, 8, 8, 4],
    );
    let mut s = String::new();
    describe16(
        &mut s,
        Abi::load(p.add(o[0])), Abi::load(p.add(o[1])), Abi::load(p.add(o[2])), Abi::load(p.add(o[3])),
        Abi::load(p.add(o[4])), Abi::load(p.add(o[5])), Abi::load(p.add(o[6])), Abi::load(p.add(o[7])),
        Abi::load(p.add(o[8])), Abi::load(p.add(o[9])), Abi::load(p.add(o[10])), Abi::load(p.add(o[11])),
        Abi::load(p.add(o[12])), Abi::load(p.add(o[13])), Abi::load(p.add(o[14])), Abi::load(p.add(o[15])),
    );
    let q = String::load(p.add(o[16]));
    mem::free(p);
    s.push(' ');
    s.push_str(&q);
    ret(s)
}
#[export_name = post!("many17")]
pub unsafe extern "C" fn post_many17(p: *const u8) {
    String::free_stored(p)
}

// ------------------------------------------------------------------ computing

#[export_name = iface!("sum-u32")]
pub unsafe extern "C" fn sum_u32(ptr: *mut u8, len: usize) -> i64 {
    lift_list::<u32>(ptr, len).iter().map(|&x| x as u64).sum::<u64>() as i64
}

#[export_name = iface!("sum-f64")]
pub unsafe extern "C" fn sum_f64(ptr: *mut u8, len: usize) -> f64 {
    lift_list::<f64>(ptr, len).iter().sum()
}

#[export_name = iface!("reverse-string")]
pub unsafe extern "C" fn reverse_string(ptr: *mut u8, len: usize) -> *mut u8 {
    ret(lift_string(ptr, len).chars().rev().collect::<String>())
}
#[export_name = post!("reverse-string")]
pub unsafe extern "C" fn post_reverse_string(p: *const u8) {
    String::free_stored(p)
}

#[export_name = iface!("string-len")]
pub unsafe extern "C" fn string_len(ptr: *mut u8, len: usize) -> *mut u8 {
    let s = lift_string(ptr, len);
    ret((s.len() as u32, s.chars().count() as u32))
}

#[export_name = iface!("fnv1a")]
pub unsafe extern "C" fn fnv1a(ptr: *mut u8, len: usize) -> u32 {
    let mut h: u32 = 0x811c9dc5;
    for b in lift_string(ptr, len).bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x01000193);
    }
    h
}

#[export_name = iface!("repeat-string")]
pub unsafe extern "C" fn repeat_string(ptr: *mut u8, len: usize, n: u32) -> *mut u8 {
    ret(lift_string(ptr, len).repeat(n as usize))
}
#[export_name = post!("repeat-string")]
pub unsafe extern "C" fn post_repeat_string(p: *const u8) {
    String::free_stored(p)
}

#[export_name = iface!("split-string")]
pub unsafe extern "C" fn split_string(ptr: *mut u8, len: usize, sep: u32) -> *mut u8 {
    let s = lift_string(ptr, len);
    let parts: Vec<String> = s.split(lift_char(sep)).map(String::from).collect();
    ret(parts)
}
#[export_name = post!("split-string")]
pub unsafe extern "C" fn post_split_string(p: *const u8) {
    <Vec<String>>::free_stored(p)
}

#[export_name = iface!("join-strings")]
pub unsafe extern "C" fn join_strings(ptr: *mut u8, len: usize, sptr: *mut u8, slen: usize) -> *mut u8 {
    let parts = lift_list::<String>(ptr, len);
    let sep = lift_string(sptr, slen);
    ret(parts.join(&sep))
}
#[export_name = post!("join-strings")]
pub unsafe extern "C" fn post_join_strings(p: *const u8) {
    String::free_stored(p)
}

#[export_name = iface!("count-flags")]
pub extern "C" fn count_flags(a: i32, b: i32, c: i32) -> u32 {
    (a & 0x1f).count_ones() + (b & 0xfff).count_ones() + c.count_ones()
}

#[export_name = iface!("shape-area")]
pub unsafe extern "C" fn shape_area(d: i32, a: i64, b: i32) -> f64 {
    match Shape::lift_flat(d, a, b) {
        Shape::Circle(r) => std::f64::consts::PI * (r as f64) * (r as f64),
        Shape::Rect(p) => (p.x as f64 * p.y as f64).abs(),
        Shape::Empty | Shape::Label(_) => 0.0,
        Shape::Huge(n) => n as f64,
    }
}

#[export_name = iface!("checked-div")]
pub unsafe extern "C" fn checked_div(a: i32, b: i32) -> *mut u8 {
    let v: Result<i32, String> = match a.checked_div(b) {
        Some(q) => Ok(q),
        None if b == 0 => Err(String::from("division by zero")),
        None => Err(String::from("overflow")),
    };
    ret(v)
}
#[export_name = post!("checked-div")]
pub unsafe extern "C" fn post_checked_div(p: *const u8) {
    <Result<i32, String>>::free_stored(p)
}

#[export_name = iface!("make-big")]
pub unsafe extern "C" fn make_big(seed: u32) -> *mut u8 {
    let s = seed;
    ret(Big {
        a_u8: s as u8,
        b_s8: -(s as i8 & 0x7f),
        c_u16: (s as u16).wrapping_mul(3),
        d_s16: -((s as i16) & 0x7fff),
        e_u32: s.wrapping_mul(0x9e37_79b9),
        f_s32: -(s as i32 & 0x7fff_ffff),
        g_u64: (s as u64) << 40 | s as u64,
        h_s64: -((s as i64) << 33),
        i_f32: s as f32 / 8.0,
        j_f64: s as f64 / 3.0,
        k_bool: s % 2 == 1,
        l_char: char::from_u32(0x1F600 + s % 80).unwrap_or('?'),
        m_string: "seed:".repeat((s % 4) as usize) + &s.to_string(),
        n_bytes: (0..(s % 7)).map(|i| (i * s) as u8).collect(),
        o_opt: if s % 3 == 0 { None } else { Some(s * 2) },
        p_point: Point { x: s as i32, y: -(s as i32) },
        q_color: Color::lift(s % 3),
    })
}
#[export_name = post!("make-big")]
pub unsafe extern "C" fn post_make_big(p: *const u8) {
    Big::free_stored(p)
}

#[export_name = iface!("f32-bits")]
pub extern "C" fn f32_bits(x: f32) -> u32 {
    x.to_bits()
}
#[export_name = iface!("f64-bits")]
pub extern "C" fn f64_bits(x: f64) -> u64 {
    x.to_bits()
}
