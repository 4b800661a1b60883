package dev.witbox.abi;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.witbox.fuzz.FuzzLoop;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target of lifting from hostile guest memory: an input's first 8 bytes seed a random value type (every kind,
 * nested), a string encoding (all three), flat values and an address biased to the values that break hosts (0,
 * -1, the memory's end, lengths whose product with the element size wraps), and the rest of the input is the
 * guest's memory (64 KiB, the input repeated). Both directions a guest feeds the host are lifted: from memory
 * ({@code load}, results through a return pointer) and from flat values (arguments of a host import).
 * Invariant: a value or a {@link CanonicalAbiTrap}; never a host allocation beyond the memory, nor beyond the call's
 * budget of lifted bytes (64 MiB here), which counts the host's objects too. See {@link FuzzLoop}:
 * generated inputs in {@link #hostileMemoryAndFlatValuesNeverCrashLifting}, Jazzer in {@link #coverageGuided}.
 */
class LiftFuzzTest {

    private static final long[] INTERESTING = {0, 1, 2, 3, 4, 7, 8, 0x7f, 0x80, 0xff, 0x100, 0xfffc, 0xfff8, 0xffff,
        0x10000, 0x7fffffffL, 0x80000000L, 0xffffffffL, 0x20000001L, 0x10000000L, 0x55555556L, -1, 0x8000_0000_0000_0000L,
        0xd800, 0x10ffff, 0x110000};

    private static final long LIFTED_BYTES = 64L << 20;

    @Test
    void hostileMemoryAndFlatValuesNeverCrashLifting() {
        long inputs = FuzzLoop.run("abi-lift", LiftFuzzTest::generate, LiftFuzzTest::target);
        assertThat(inputs).isPositive();
    }

    @FuzzTest(maxDuration = "5m")
    void coverageGuided(byte[] input) throws Exception {
        FuzzLoop.invariant(LiftFuzzTest::target, input);
    }

    private static void target(byte[] input) {
        long seed = input.length >= 8 ? ByteBuffer.wrap(input).getLong() : 0;
        Random random = new Random(seed);
        ValueType type = new RandomRoundTripTest.Generator(random).type(3);
        StringEncoding encoding = StringEncoding.values()[random.nextInt(3)];
        FakeGuest guest = new FakeGuest(1 << 16);
        byte[] memory = new byte[1 << 16];
        if (input.length > 8) {
            for (int i = 0; i < memory.length; i++) {
                memory[i] = input[8 + i % (input.length - 8)];
            }
        }
        guest.memory.write(0, memory, 0, memory.length);
        Codec codec = Codecs.of(type);
        // a budget of lifted bytes below the default 1 GiB: an input may legally make the host build the whole
        // budget in objects (aliased lists: seconds for a GiB), which tests nothing more than a smaller budget does
        CanonicalOptions options = guest.options(encoding).withMaxLiftedBytes(LIFTED_BYTES);
        CallContext cx = new CallContext(options, guest.instance);
        try {
            codec.load(cx, pick(random) & 0xffffffffL);
        } catch (CanonicalAbiTrap expected) {
            // the guest lied: a trap naming what and where
        }
        long[] flat = new long[codec.flatCount];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = pick(random);
        }
        codec.liftFlat(new CallContext(options, guest.instance), new Flat(flat));
    }

    private static long pick(Random random) {
        return random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)] : random.nextInt(1 << 17);
    }

    /** A seed, then memory: random bytes, or 32-bit words drawn from the interesting values. */
    private static byte[] generate(Random random) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * (1 + random.nextInt(256))).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(random.nextLong());
        boolean words = random.nextBoolean();
        while (b.hasRemaining()) {
            b.putInt(words ? (int) pick(random) : random.nextInt());
        }
        return b.array();
    }
}
