package dev.witbox.component;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the core-wasm features of a module that Chicory 1.7.5 does not run correctly, so that witbox refuses
 * the component at load instead of failing inside a call:
 *
 * <ul>
 *   <li><b>exception-handling tags</b> (a tag section, or a tag imported or exported): Chicory refuses tag
 *       exports at instantiation with an {@code IllegalStateException}, and an exception no handler catches
 *       leaves a call as Chicory's {@code WasmException}, which is no trap;</li>
 *   <li><b>GC references crossing a module boundary</b>: an imported or exported function, global or table
 *       whose type holds a reference to a struct, array or typed function, or to an abstract GC heap type
 *       ({@code any}, {@code eq}, {@code i31}, {@code struct}, {@code array}, {@code none}): Chicory loses such
 *       values between instances (a struct handed to another module reads back as null). GC types used
 *       inside one module run, and are accepted.</li>
 * </ul>
 *
 * A module this scan cannot read is left to Chicory's validator: the scan then reports nothing.
 */
final class CoreFeatureScan {

    private final List<Boolean> gcTypes = new ArrayList<>();
    private final Set<String> found = new LinkedHashSet<>();

    private CoreFeatureScan() {
    }

    /** The unsupported features of the module in {@code data[offset, offset + length)}, in the order found. */
    static List<String> unsupported(byte[] data, int offset, int length) {
        CoreFeatureScan scan = new CoreFeatureScan();
        try {
            scan.module(new ByteReader(data, offset, offset + length));
        } catch (ComponentDecodeException | IndexOutOfBoundsException e) {
            return List.of();
        }
        return List.copyOf(scan.found);
    }

    private void module(ByteReader r) {
        r.skip(8);
        List<Integer> funcTypes = new ArrayList<>();
        while (!r.atEnd()) {
            int id = r.u8();
            long size = r.u32();
            int old = r.pushLimit(size, "core section");
            switch (id) {
                case 1 -> types(r);
                case 2 -> imports(r, funcTypes);
                case 3 -> {
                    int n = r.vecLength("function");
                    for (int i = 0; i < n; i++) {
                        funcTypes.add(r.index());
                    }
                }
                case 7 -> exports(r, funcTypes);
                case 13 -> found.add("exception-handling tags");
                default -> r.skip(r.remaining());
            }
            r.skip(r.remaining());
            r.popLimit(old);
        }
    }

    private void types(ByteReader r) {
        int n = r.vecLength("core type");
        for (int i = 0; i < n; i++) {
            if (r.peek() == 0x4e) {
                r.u8();
                int m = r.vecLength("rec group");
                for (int j = 0; j < m; j++) {
                    subType(r);
                }
            } else {
                subType(r);
            }
        }
    }

    private void subType(ByteReader r) {
        int b = r.peek();
        if (b == 0x50 || b == 0x4f) {
            r.u8();
            int supers = r.vecLength("supertypes");
            for (int i = 0; i < supers; i++) {
                r.index();
            }
        }
        int kind = r.u8();
        switch (kind) {
            case 0x60 -> {
                boolean gc = valTypes(r);
                gc |= valTypes(r);
                gcTypes.add(gc);
            }
            case 0x5f -> {
                int fields = r.vecLength("struct fields");
                for (int i = 0; i < fields; i++) {
                    storageType(r);
                    r.u8();
                }
                gcTypes.add(Boolean.TRUE);
            }
            case 0x5e -> {
                storageType(r);
                r.u8();
                gcTypes.add(Boolean.TRUE);
            }
            default -> throw r.error("unknown composite type");
        }
    }

    private void storageType(ByteReader r) {
        int b = r.peek();
        if (b == 0x78 || b == 0x77) {
            r.u8();
        } else {
            valType(r);
        }
    }

    private boolean valTypes(ByteReader r) {
        int n = r.vecLength("value types");
        boolean gc = false;
        for (int i = 0; i < n; i++) {
            gc |= valType(r);
        }
        return gc;
    }

    /** Reads a value type; true when it is a GC reference (see the class comment). */
    private boolean valType(ByteReader r) {
        int b = r.u8();
        if (b >= 0x7b && b <= 0x7f) {
            return false; // i32 i64 f32 f64 v128
        }
        if (b == 0x63 || b == 0x64) {
            return heapType(r);
        }
        return gcHeapByte(b);
    }

    private boolean heapType(ByteReader r) {
        int b = r.peek();
        if (b >= 0x69 && b <= 0x74) {
            r.u8();
            return gcHeapByte(b);
        }
        r.u32();
        return true; // a concrete type: a struct, an array or a typed function reference
    }

    /** funcref, externref and their bottoms cross fine; any, eq, i31, struct, array, none, exn do not. */
    private static boolean gcHeapByte(int b) {
        return !(b == 0x70 || b == 0x6f || b == 0x73 || b == 0x72);
    }

    private void imports(ByteReader r, List<Integer> funcTypes) {
        int n = r.vecLength("core import");
        for (int i = 0; i < n; i++) {
            r.name("module");
            r.name("name");
            externType(r, r.u8(), funcTypes, "imported");
        }
    }

    private void externType(ByteReader r, int kind, List<Integer> funcTypes, String how) {
        switch (kind) {
            case 0x00 -> {
                int t = r.index();
                funcTypes.add(t);
                gcIf(t < gcTypes.size() && gcTypes.get(t), how + " function");
            }
            case 0x01 -> {
                gcIf(valType(r), how + " table");
                limits(r);
            }
            case 0x02 -> limits(r);
            case 0x03 -> {
                gcIf(valType(r), how + " global");
                r.u8();
            }
            case 0x04 -> {
                r.u8();
                r.index();
                found.add("exception-handling tags");
            }
            default -> throw r.error("unknown import kind");
        }
    }

    private void gcIf(boolean gc, String what) {
        if (gc) {
            found.add("GC reference types in an " + what + "'s type");
        }
    }

    private static void limits(ByteReader r) {
        int flags = r.u8();
        r.skipLeb128();
        if ((flags & 0x01) != 0) {
            r.skipLeb128();
        }
    }

    private void exports(ByteReader r, List<Integer> funcTypes) {
        int n = r.vecLength("core export");
        for (int i = 0; i < n; i++) {
            r.name("core export name");
            int kind = r.u8();
            int idx = r.index();
            if (kind == 0x00 && idx < funcTypes.size()) {
                int t = funcTypes.get(idx);
                gcIf(t < gcTypes.size() && gcTypes.get(t), "exported function");
            } else if (kind == 0x04) {
                found.add("exception-handling tags");
            }
        }
    }
}
