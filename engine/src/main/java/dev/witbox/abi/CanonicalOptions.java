package dev.witbox.abi;

import java.util.Objects;

/**
 * The canonical options ({@code canonopt}) of one {@code canon lift} or {@code canon lower}:
 * string encoding, memory, realloc and post-return. {@code memory}, {@code realloc} and
 * {@code postReturn} may be null when the definition has none.
 *
 * <p>{@code maxLiftedBytes} is a host-side safety limit that the spec does not have: the total
 * bytes of string and list contents one call may lift from guest memory, plus an estimate of the host's objects:
 * 32 bytes for each list element and for each of its flat components (none for {@code list<u8>}, lifted as one
 * array). Lists and strings may
 * alias each other in memory, so without it a small memory could describe an exponentially large
 * value (a list of many headers pointing at the same big buffer).
 */
public record CanonicalOptions(
        StringEncoding stringEncoding,
        GuestMemory memory,
        Realloc realloc,
        PostReturn postReturn,
        long maxLiftedBytes) {

    /** The default {@link #maxLiftedBytes}: 1 GiB. */
    public static final long DEFAULT_MAX_LIFTED_BYTES = 1L << 30;

    public CanonicalOptions {
        Objects.requireNonNull(stringEncoding, "stringEncoding");
        if (realloc != null && memory == null) {
            throw new IllegalArgumentException("the realloc option requires the memory option");
        }
        if (maxLiftedBytes <= 0) {
            throw new IllegalArgumentException("maxLiftedBytes must be positive: " + maxLiftedBytes);
        }
    }

    /** No options: UTF-8, no memory, no realloc, no post-return. */
    public static CanonicalOptions none() {
        return new CanonicalOptions(StringEncoding.UTF8, null, null, null, DEFAULT_MAX_LIFTED_BYTES);
    }

    /** UTF-8 with the given memory and realloc. */
    public static CanonicalOptions of(GuestMemory memory, Realloc realloc) {
        return new CanonicalOptions(StringEncoding.UTF8, memory, realloc, null, DEFAULT_MAX_LIFTED_BYTES);
    }

    public CanonicalOptions withStringEncoding(StringEncoding encoding) {
        return new CanonicalOptions(encoding, memory, realloc, postReturn, maxLiftedBytes);
    }

    public CanonicalOptions withMemory(GuestMemory newMemory) {
        return new CanonicalOptions(stringEncoding, newMemory, realloc, postReturn, maxLiftedBytes);
    }

    public CanonicalOptions withRealloc(Realloc newRealloc) {
        return new CanonicalOptions(stringEncoding, memory, newRealloc, postReturn, maxLiftedBytes);
    }

    public CanonicalOptions withPostReturn(PostReturn newPostReturn) {
        return new CanonicalOptions(stringEncoding, memory, realloc, newPostReturn, maxLiftedBytes);
    }

    public CanonicalOptions withMaxLiftedBytes(long limit) {
        return new CanonicalOptions(stringEncoding, memory, realloc, postReturn, limit);
    }
}
