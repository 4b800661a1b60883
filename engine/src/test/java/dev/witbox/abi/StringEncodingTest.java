package dev.witbox.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Strings in utf8, utf16 and latin1+utf16, both ways. */
class StringEncodingTest {

    private static final Codec STRING = Codecs.of(ValueType.Scalar.STRING);

    /** Lowers {@code s} flat; returns {pointer, length as the guest sees it}. */
    private static long[] lower(FakeGuest guest, StringEncoding encoding, String s) {
        long[] flat = new long[2];
        STRING.lowerFlat(guest.context(encoding), new WitValue.Str(s), new Flat(flat));
        return new long[] {flat[0] & 0xFFFF_FFFFL, flat[1] & 0xFFFF_FFFFL};
    }

    private static String lift(FakeGuest guest, StringEncoding encoding, long ptr, long length) {
        return ((WitValue.Str) STRING.liftFlat(guest.context(encoding), new Flat(new long[] {ptr, length}))).value();
    }

    private static byte[] bytes(FakeGuest guest, long ptr, int length) {
        byte[] b = new byte[length];
        guest.memory.read(ptr, b, 0, length);
        return b;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "plain ascii", "café", "ÿ", "Grüße — ✓", "😀 non-BMP 𝄞", "\u0000nul"})
    void everyEncodingRoundTrips(String s) {
        for (StringEncoding encoding : StringEncoding.values()) {
            FakeGuest guest = new FakeGuest();
            long[] stored = lower(guest, encoding, s);
            assertThat(lift(guest, encoding, stored[0], stored[1])).as(encoding.name()).isEqualTo(s);
        }
    }

    @Test
    void utf8IsStoredAsItsBytesWithTheByteLength() {
        FakeGuest guest = new FakeGuest();
        long[] stored = lower(guest, StringEncoding.UTF8, "é😀");
        assertThat(stored[1]).isEqualTo(6);
        assertThat(bytes(guest, stored[0], 6)).isEqualTo("é😀".getBytes(StandardCharsets.UTF_8));
        assertThat(guest.reallocCalls).hasSize(1);
        assertThat(guest.reallocCalls.get(0)).containsExactly(0, 0, 1, 6);
    }

    @Test
    void utf16IsStoredAlignedWithTheCodeUnitCount() {
        FakeGuest guest = new FakeGuest();
        guest.next = 17; // make the allocator have to align
        long[] stored = lower(guest, StringEncoding.UTF16, "a😀");
        assertThat(stored[0] % 2).isZero();
        assertThat(stored[1]).isEqualTo(3);
        assertThat(bytes(guest, stored[0], 6)).isEqualTo("a😀".getBytes(StandardCharsets.UTF_16LE));
        assertThat(guest.reallocCalls.get(0)).containsExactly(0, 0, 2, 6);
    }

    @Test
    void latin1RepresentableStringsAreStoredAsLatin1Untagged() {
        FakeGuest guest = new FakeGuest();
        long[] stored = lower(guest, StringEncoding.LATIN1_UTF16, "café");
        assertThat(stored[1]).isEqualTo(4);
        assertThat(bytes(guest, stored[0], 4)).isEqualTo("café".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(guest.reallocCalls.get(0)).containsExactly(0, 0, 2, 4);
    }

    @Test
    void otherStringsAreStoredAsUtf16WithTheTag() {
        FakeGuest guest = new FakeGuest();
        long[] stored = lower(guest, StringEncoding.LATIN1_UTF16, "café ✓");
        assertThat(stored[1]).isEqualTo(6 | Layout.UTF16_TAG);
        assertThat(bytes(guest, stored[0], 12)).isEqualTo("café ✓".getBytes(StandardCharsets.UTF_16LE));
    }

    @Test
    void emptyStringsStillAskReallocForZeroBytes() {
        FakeGuest guest = new FakeGuest();
        long[] stored = lower(guest, StringEncoding.UTF8, "");
        assertThat(stored[1]).isZero();
        assertThat(guest.reallocCalls.get(0)).containsExactly(0, 0, 1, 0);
    }

    @Test
    void aTaggedLatin1Utf16StringIsReadAsUtf16() {
        FakeGuest guest = new FakeGuest();
        byte[] utf16 = "ĀB".getBytes(StandardCharsets.UTF_16LE);
        guest.memory.write(64, utf16, 0, utf16.length);
        assertThat(lift(guest, StringEncoding.LATIN1_UTF16, 64, 2 | Layout.UTF16_TAG)).isEqualTo("ĀB");
        guest.memory.write(80, new byte[] {(byte) 0xE9, 0x41}, 0, 2);
        assertThat(lift(guest, StringEncoding.LATIN1_UTF16, 80, 2)).isEqualTo("éA");
    }

    @ParameterizedTest
    @CsvSource({
        "C0 80, 0", // overlong
        "E0 80 80, 0", // overlong
        "ED A0 80, 0", // an encoded surrogate
        "F4 90 80 80, 0", // above U+10FFFF
        "41 E2 82, 1", // truncated
        "41 80, 1", // stray continuation byte
        "F5 80 80 80, 0",
        "E2 28 A1, 0"
    })
    void invalidUtf8Traps(String hex, int at) {
        FakeGuest guest = new FakeGuest(4096);
        String[] parts = hex.split(" ");
        for (int i = 0; i < parts.length; i++) {
            guest.memory.storeI8(100 + i, (byte) Integer.parseInt(parts[i], 16));
        }
        assertThatThrownBy(() -> lift(guest, StringEncoding.UTF8, 100, parts.length))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("string at 0x64 with " + parts.length + " bytes is not valid UTF-8: bad sequence at byte " + at);
    }

    @Test
    void unpairedSurrogatesInUtf16Trap() {
        FakeGuest guest = new FakeGuest(4096);
        guest.memory.storeI16(100, (short) 0x41);
        guest.memory.storeI16(102, (short) 0xD800);
        guest.memory.storeI16(104, (short) 0x41);
        assertThatThrownBy(() -> lift(guest, StringEncoding.UTF16, 100, 3))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("UTF-16 string at 0x64 with 6 bytes is not valid UTF-16: unpaired surrogate at byte 2");
        guest.memory.storeI16(102, (short) 0xDC00);
        assertThatThrownBy(() -> lift(guest, StringEncoding.LATIN1_UTF16, 100, 3 | Layout.UTF16_TAG))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessageContaining("unpaired surrogate at byte 2");
        guest.memory.storeI16(102, (short) 0xD83D); // high surrogate at the very end
        assertThatThrownBy(() -> lift(guest, StringEncoding.UTF16, 100, 2))
                .hasMessageContaining("unpaired surrogate at byte 2");
    }

    @ParameterizedTest
    @EnumSource(value = StringEncoding.class, names = {"UTF16", "LATIN1_UTF16"})
    void utf16StringsMustBeTwoByteAligned(StringEncoding encoding) {
        FakeGuest guest = new FakeGuest(4096);
        long length = encoding == StringEncoding.UTF16 ? 1 : 1 | Layout.UTF16_TAG;
        assertThatThrownBy(() -> lift(guest, encoding, 101, length))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("UTF-16 string at 0x65 is not aligned to 2 bytes");
    }

    @Test
    void latin1StringsMustBeTwoByteAlignedToo() {
        FakeGuest guest = new FakeGuest(4096);
        assertThatThrownBy(() -> lift(guest, StringEncoding.LATIN1_UTF16, 101, 1))
                .hasMessage("Latin-1 string at 0x65 is not aligned to 2 bytes");
    }

    @Test
    void aStringRunningPastTheEndOfMemoryTraps() {
        FakeGuest guest = new FakeGuest(65536);
        assertThatThrownBy(() -> lift(guest, StringEncoding.UTF8, 0xFFF8, 12))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("string at 0xfff8 with 12 bytes runs past the end of memory (65536 bytes)");
        assertThatThrownBy(() -> lift(guest, StringEncoding.UTF16, 0xFFFF_FFFEL, 1))
                .hasMessage("UTF-16 string at 0xfffffffe with 2 bytes runs past the end of memory (65536 bytes)");
    }

    @Test
    void stringsLongerThanTheMaximumTrapBeforeAnythingIsRead() {
        FakeGuest guest = new FakeGuest(4096);
        assertThatThrownBy(() -> lift(guest, StringEncoding.UTF8, 0, 1L << 28))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("string at 0x0 with length 268435456 is 268435456 bytes, more than the maximum of 268435455");
        assertThatThrownBy(() -> lift(guest, StringEncoding.UTF16, 0, 0xFFFF_FFFFL))
                .hasMessageContaining("is 8589934590 bytes, more than the maximum");
    }

    @Test
    void latin1Utf16TaggedLengthsAreCheckedAsTheirByteLength() {
        FakeGuest guest = new FakeGuest(4096);
        // tag set with 2^27 code units: 2^28 bytes, one more than the maximum
        assertThatThrownBy(() -> lift(guest, StringEncoding.LATIN1_UTF16, 0, (1L << 27) | Layout.UTF16_TAG))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("UTF-16 string at 0x0 with length 2281701376 (tagged) is 268435456 bytes, more than the maximum of 268435455");
        // untagged but enormous: read as Latin-1 bytes
        assertThatThrownBy(() -> lift(guest, StringEncoding.LATIN1_UTF16, 0, 0x7FFF_FFFFL))
                .hasMessageContaining("Latin-1 string at 0x0 with length 2147483647 (tagged) is 2147483647 bytes");
        assertThatThrownBy(() -> lift(guest, StringEncoding.LATIN1_UTF16, 0, 8000 | Layout.UTF16_TAG))
                .hasMessage("UTF-16 string at 0x0 with 16000 bytes runs past the end of memory (4096 bytes)");
    }

    @Test
    void aHostStringWithAnUnpairedSurrogateIsRefused() {
        FakeGuest guest = new FakeGuest();
        for (StringEncoding encoding : StringEncoding.values()) {
            assertThatThrownBy(() -> lower(guest, encoding, "a\uD800b"))
                    .isInstanceOf(WitboxException.class)
                    .isNotInstanceOf(CanonicalAbiTrap.class)
                    .hasMessage("string has an unpaired surrogate at index 1 and is not a valid WIT string");
        }
    }

    @Test
    void stringsInsideRecordsUseTheOptionsEncoding() {
        FakeGuest guest = new FakeGuest();
        Codec rec = Codecs.of(TypeSyntax.parse("record<string, u8>"));
        CallContext cx = guest.context(StringEncoding.UTF16);
        WitValue v = new WitValue.Record(java.util.List.of(
                new WitValue.Field("f0", new WitValue.Str("ok✓")), new WitValue.Field("f1", new WitValue.U8(1))));
        rec.store(cx, v, 1024);
        assertThat(guest.memory.loadI32(1028)).isEqualTo(3);
        assertThat(rec.load(guest.context(StringEncoding.UTF16), 1024)).isEqualTo(v);
    }
}
