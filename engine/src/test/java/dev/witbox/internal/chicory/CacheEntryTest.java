package dev.witbox.internal.chicory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The on-disk entry format: whatever happens to the bytes, a damaged entry is never taken for a good one. */
class CacheEntryTest {

    private static final String KEY = "module sha-256 00ff\nwitbox 1\nchicory 2\noptions";

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void anEntryReadsBackItsPayload(long seed) throws CacheEntry.Corrupt {
        byte[] payload = randomBytes(seed);
        assertThat(CacheEntry.decode(KEY, CacheEntry.encode(KEY, payload))).isEqualTo(payload);
    }

    @Test
    void everyTruncationIsDetected() {
        byte[] entry = CacheEntry.encode(KEY, randomBytes(7));
        IntStream.range(0, entry.length).forEach(length -> assertThatThrownBy(
                () -> CacheEntry.decode(KEY, Arrays.copyOf(entry, length)))
                .as("cut to %d of %d bytes", length, entry.length)
                .isInstanceOf(CacheEntry.Corrupt.class));
    }

    @Test
    void everyFlippedBitIsDetected() {
        byte[] entry = CacheEntry.encode(KEY, randomBytes(8));
        for (int at = 0; at < entry.length; at++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] damaged = entry.clone();
                damaged[at] ^= (byte) (1 << bit);
                int position = at;
                assertThatThrownBy(() -> CacheEntry.decode(KEY, damaged))
                        .as("bit %d of byte %d flipped", bit, position)
                        .isInstanceOf(CacheEntry.Corrupt.class);
            }
        }
    }

    @Test
    void anEntryForAnotherKeyIsRefusedNamingIt() {
        byte[] entry = CacheEntry.encode(KEY, randomBytes(9));
        assertThatThrownBy(() -> CacheEntry.decode(KEY.replace("chicory 2", "chicory 3"), entry))
                .isInstanceOf(CacheEntry.Corrupt.class)
                .hasMessageContaining("written for another module or compiler")
                .hasMessageContaining("chicory 2");
    }

    private static byte[] randomBytes(long seed) {
        Random random = new Random(seed);
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        return bytes;
    }
}
