//! filters: exports witbox:sample/filters@0.1.0 (../../src/main/wit/world.wit, world
//! `filter-chain`): grayscale, sepia, blur and sharpen on 8-bit RGBA, chained left to right.
//!
//! The canonical ABI is written by hand (no wit-bindgen, no crates), built by ../build.sh with
//! Debian's rustc for wasm32-unknown-unknown: the module imports nothing at all.
//!
//! `apply: func(image: rgba-image, chain: list<filter>) -> result<rgba-image, string>` flattens to
//! (width, height, pixels-ptr, pixels-len, chain-ptr, chain-len) and returns a pointer to
//! disc@0, then either the image (width@4, height@8, ptr@12, len@16) or the message (ptr@4, len@8).
//! The pixel buffer the host lowered is ours: the filters work in it and hand it back.

use std::alloc::{alloc, dealloc, Layout};

fn trap() -> ! {
    core::arch::wasm32::unreachable()
}

// ------------------------------------------------------------------ memory

/// Allocations remember their size in an 8-byte header, so a pointer is enough to free one.
unsafe fn layout(size: usize) -> Layout {
    Layout::from_size_align_unchecked(size + 8, 8)
}

static mut EMPTY: u64 = 0;

fn empty() -> *mut u8 {
    unsafe { &mut EMPTY as *mut u64 as *mut u8 }
}

unsafe fn alloc_bytes(size: usize) -> *mut u8 {
    if size == 0 {
        return empty();
    }
    let base = alloc(layout(size));
    if base.is_null() {
        return core::ptr::null_mut();
    }
    *(base as *mut usize) = size;
    base.add(8)
}

/// Frees what `alloc_bytes` gave. The empty block and the dummy pointers hosts pass with a zero
/// length (jco passes 1) are not ours.
unsafe fn free(p: *mut u8) {
    if p == empty() || (p as usize) < 64 {
        return;
    }
    let base = p.sub(8);
    dealloc(base, layout(*(base as *const usize)));
}

#[no_mangle]
pub unsafe extern "C" fn cabi_realloc(old: *mut u8, old_size: usize, align: usize, new_size: usize) -> *mut u8 {
    if align > 8 {
        trap();
    }
    let fresh = alloc_bytes(new_size);
    if fresh.is_null() {
        trap(); // the host asked for more memory than the plugin may have: its call fails
    }
    if old_size != 0 && old != empty() && (old as usize) >= 64 {
        core::ptr::copy_nonoverlapping(old, fresh, old_size.min(new_size));
        free(old);
    }
    fresh
}

// ------------------------------------------------------------------ the filters

#[derive(Clone, Copy)]
enum Filter {
    Grayscale,
    Sepia,
    Blur,
    Sharpen,
}

impl Filter {
    fn of(code: u8) -> Option<Filter> {
        match code {
            0 => Some(Filter::Grayscale),
            1 => Some(Filter::Sepia),
            2 => Some(Filter::Blur),
            3 => Some(Filter::Sharpen),
            _ => None,
        }
    }
}

fn clamp(v: i32) -> u8 {
    v.max(0).min(255) as u8
}

/// Y = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601), rounded; alpha kept.
fn grayscale(px: &mut [u8]) {
    for p in px.chunks_exact_mut(4) {
        let y = (299 * p[0] as u32 + 587 * p[1] as u32 + 114 * p[2] as u32 + 500) / 1000;
        p[0] = y as u8;
        p[1] = y as u8;
        p[2] = y as u8;
    }
}

/// The usual sepia matrix, clamped; alpha kept.
fn sepia(px: &mut [u8]) {
    for p in px.chunks_exact_mut(4) {
        let (r, g, b) = (p[0] as i32, p[1] as i32, p[2] as i32);
        p[0] = clamp((393 * r + 769 * g + 189 * b + 500) / 1000);
        p[1] = clamp((349 * r + 686 * g + 168 * b + 500) / 1000);
        p[2] = clamp((272 * r + 534 * g + 131 * b + 500) / 1000);
    }
}

/// A 3x3 convolution of the colour channels (alpha kept), edges extended, rounded and clamped.
fn convolve(px: &mut [u8], w: usize, h: usize, kernel: [i32; 9], divisor: i32) {
    let src = px.to_vec();
    for y in 0..h {
        for x in 0..w {
            for c in 0..3 {
                let mut acc = 0i32;
                for ky in 0..3 {
                    let sy = (y + ky).saturating_sub(1).min(h - 1);
                    for kx in 0..3 {
                        let sx = (x + kx).saturating_sub(1).min(w - 1);
                        acc += kernel[ky * 3 + kx] * src[(sy * w + sx) * 4 + c] as i32;
                    }
                }
                let v = if acc >= 0 { (acc + divisor / 2) / divisor } else { -((-acc + divisor / 2) / divisor) };
                px[(y * w + x) * 4 + c] = clamp(v);
            }
        }
    }
}

fn apply_one(f: Filter, px: &mut [u8], w: usize, h: usize) {
    match f {
        Filter::Grayscale => grayscale(px),
        Filter::Sepia => sepia(px),
        Filter::Blur => convolve(px, w, h, [1, 2, 1, 2, 4, 2, 1, 2, 1], 16),
        Filter::Sharpen => convolve(px, w, h, [0, -1, 0, -1, 5, -1, 0, -1, 0], 1),
    }
}

// ------------------------------------------------------------------ the export

static mut RET: [u32; 5] = [0; 5];
/// What the last result points to, freed by the post-return.
static mut OWNED: *mut u8 = core::ptr::null_mut();

const MAX_SIDE: u32 = 16384;
const MAX_CHAIN: usize = 32;

unsafe fn err(msg: String) -> *mut u8 {
    let bytes = msg.as_bytes();
    let p = alloc_bytes(bytes.len());
    if p.is_null() {
        trap();
    }
    core::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len());
    OWNED = p;
    RET = [1, p as u32, bytes.len() as u32, 0, 0];
    RET.as_mut_ptr() as *mut u8
}

#[export_name = "witbox:sample/filters@0.1.0#apply"]
pub unsafe extern "C" fn apply(w: u32, h: u32, px: *mut u8, len: usize, chain: *mut u8, chain_len: usize) -> *mut u8 {
    let codes: Vec<u8> = core::slice::from_raw_parts(chain, chain_len).to_vec();
    free(chain);
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE || (w as u64) * (h as u64) * 4 != len as u64 {
        free(px);
        return err(format!("{} bytes are not a {} x {} RGBA image", len, w, h));
    }
    if codes.len() > MAX_CHAIN {
        free(px);
        return err(format!("a chain of {} filters is longer than {}", codes.len(), MAX_CHAIN));
    }
    let mut chain = Vec::with_capacity(codes.len());
    for (i, &c) in codes.iter().enumerate() {
        match Filter::of(c) {
            Some(f) => chain.push(f),
            None => {
                free(px);
                return err(format!("filter {} has the unknown code {}", i, c));
            }
        }
    }
    let pixels = core::slice::from_raw_parts_mut(px, len);
    for f in chain {
        apply_one(f, pixels, w as usize, h as usize);
    }
    OWNED = px;
    RET = [0, w, h, px as u32, len as u32];
    RET.as_mut_ptr() as *mut u8
}

#[export_name = "cabi_post_witbox:sample/filters@0.1.0#apply"]
pub unsafe extern "C" fn post_apply(_ret: *mut u8) {
    free(OWNED);
    OWNED = core::ptr::null_mut();
}
