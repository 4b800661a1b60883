package dev.witbox.abi;

import java.util.ArrayList;
import java.util.List;

/** A stand-in for a guest: a byte-array memory and a bump allocator as its realloc. */
final class FakeGuest {

    final ByteArrayMemory memory;
    final ComponentInstance instance = new ComponentInstance("guest");
    /** Every realloc call: old pointer, old size, alignment, new size. */
    final List<long[]> reallocCalls = new ArrayList<>();
    long next = 16;

    FakeGuest() {
        this(1 << 16);
    }

    FakeGuest(int size) {
        memory = new ByteArrayMemory(size);
    }

    long realloc(long oldPtr, long oldSize, long alignment, long newSize) {
        reallocCalls.add(new long[] {oldPtr, oldSize, alignment, newSize});
        next = (next + alignment - 1) / alignment * alignment;
        long ptr = next;
        next += newSize;
        if (next > memory.size()) {
            throw new IllegalStateException("fake guest out of memory");
        }
        return ptr;
    }

    CanonicalOptions options() {
        return CanonicalOptions.of(memory, this::realloc);
    }

    CanonicalOptions options(StringEncoding encoding) {
        return options().withStringEncoding(encoding);
    }

    CallContext context() {
        return new CallContext(options(), instance);
    }

    CallContext context(StringEncoding encoding) {
        return new CallContext(options(encoding), instance);
    }
}
