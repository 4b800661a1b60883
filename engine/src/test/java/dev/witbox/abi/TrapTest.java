package dev.witbox.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.value.WitValue;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a guest can get wrong, each raised as a CanonicalAbiTrap that says what and where. */
class TrapTest {

    private static WitValue liftFlat(FakeGuest guest, String type, long... flat) {
        return Codecs.of(TypeSyntax.parse(type)).liftFlat(guest.context(), new Flat(flat));
    }

    private static WitValue load(FakeGuest guest, String type, long address) {
        return Codecs.of(TypeSyntax.parse(type)).load(guest.context(), address);
    }

    @Test
    void memoryAccessesAreBoundsCheckedWithoutOverflow() {
        ByteArrayMemory memory = new ByteArrayMemory(16);
        assertThatThrownBy(() -> memory.loadI32(13))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("memory access of 4 bytes at 0xd is out of bounds of memory (16 bytes)");
        assertThatThrownBy(() -> memory.loadI64(0xFFFF_FFFFL)).isInstanceOf(CanonicalAbiTrap.class);
        assertThatThrownBy(() -> memory.storeI16(-1, (short) 0)).isInstanceOf(CanonicalAbiTrap.class);
        assertThatThrownBy(() -> memory.read(8, new byte[16], 0, 9)).isInstanceOf(CanonicalAbiTrap.class);
        assertThatThrownBy(() -> memory.write(Long.MAX_VALUE, new byte[1], 0, 1)).isInstanceOf(CanonicalAbiTrap.class);
        assertThatThrownBy(() -> GuestMemory.checkAccess(Long.MAX_VALUE - 2, 8, Long.MAX_VALUE))
                .isInstanceOf(CanonicalAbiTrap.class);
        memory.storeI64(8, -1L);
        assertThat(memory.loadI64(8)).isEqualTo(-1L);
    }

    @ParameterizedTest
    @CsvSource({
        "'variant<u8, u16, _>', 3, 'invalid discriminant 3 for variant {c0, c1, c2} (it has 3 cases)'",
        "option<u8>, 2, 'invalid discriminant 2 for option<u8> (it has 2 cases)'",
        "'result<u8, _>', 2, 'invalid discriminant 2 for result<u8, _> (it has 2 cases)'",
        "enum<3>, 3, 'invalid discriminant 3 for enum {e0, e1, e2} (it has 3 cases)'",
        "enum<3>, 4294967295, 'invalid discriminant 4294967295 for enum {e0, e1, e2} (it has 3 cases)'"
    })
    void badFlatDiscriminantsTrap(String type, long discriminant, String message) {
        FakeGuest guest = new FakeGuest();
        long[] flat = new long[Layout.flatten(TypeSyntax.parse(type)).size()];
        flat[0] = (int) discriminant;
        assertThatThrownBy(() -> liftFlat(guest, type, flat))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage(message);
    }

    @Test
    void badDiscriminantsInMemoryTrapWithTheirAddress() {
        FakeGuest guest = new FakeGuest();
        guest.memory.storeI8(32, (byte) 2);
        assertThatThrownBy(() -> load(guest, "option<u32>", 32))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("invalid discriminant 2 for option<u32> at 0x20 (it has 2 cases)");
        guest.memory.storeI16(40, (short) 300);
        assertThatThrownBy(() -> load(guest, "enum<257>", 40))
                .hasMessage("invalid discriminant 300 for enum {" + String.join(", ",
                        java.util.stream.IntStream.range(0, 257).mapToObj(i -> "e" + i).toList())
                        + "} at 0x28 (it has 257 cases)");
        guest.memory.storeI8(48, (byte) 0xFF);
        assertThatThrownBy(() -> load(guest, "result<_, _>", 48))
                .hasMessage("invalid discriminant 255 for result<_, _> at 0x30 (it has 2 cases)");
    }

    @ParameterizedTest
    @CsvSource({"1114112, 0x110000", "55296, 0xd800", "57343, 0xdfff", "-1, 0xffffffff"})
    void invalidCharsTrap(long i, String hex) {
        FakeGuest guest = new FakeGuest();
        assertThatThrownBy(() -> liftFlat(guest, "char", i))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("invalid char " + hex + ": not a Unicode scalar value");
        guest.memory.storeI32(64, (int) i);
        assertThatThrownBy(() -> load(guest, "char", 64))
                .hasMessage("invalid char " + hex + " at 0x40: not a Unicode scalar value");
    }

    @Test
    void listsMustBeAlignedAndInsideMemory() {
        FakeGuest guest = new FakeGuest(4096);
        assertThatThrownBy(() -> liftFlat(guest, "list<u32>", 2, 1))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("list<u32> at 0x2 is not aligned to 4 bytes");
        assertThatThrownBy(() -> liftFlat(guest, "list<u32>", 4000, 100))
                .hasMessage("list<u32> at 0xfa0 with 400 bytes runs past the end of memory (4096 bytes)");
        assertThatThrownBy(() -> liftFlat(guest, "list<u8>", 4000, 97))
                .hasMessage("list<u8> at 0xfa0 with 97 bytes runs past the end of memory (4096 bytes)");
        assertThat(liftFlat(guest, "list<u8>", 4000, 96)).isInstanceOf(WitValue.Bytes.class);
    }

    @Test
    void aLyingListLengthTrapsBeforeTheHostAllocates() {
        FakeGuest guest = new FakeGuest(4096);
        // 2^32 - 1 elements of 8 bytes: the host would need 32 GiB if it trusted the length
        assertThatThrownBy(() -> liftFlat(guest, "list<u64>", 0, 0xFFFF_FFFFL))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("list<u64> at 0x0 with 4294967295 elements is 34359738360 bytes, more than the maximum of 268435455");
        assertThatThrownBy(() -> liftFlat(guest, "list<string>", 0, 1 << 20))
                .hasMessage("list<string> at 0x0 with 8388608 bytes runs past the end of memory (4096 bytes)");
    }

    @Test
    void aliasedListsCannotBlowUpTheHost() {
        // 4096 list headers, all pointing at the same 32 KiB: 128 MiB once lifted
        assertThatThrownBy(liftAliasedLists("u8", 1 << 15))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("list<u8> with 32768 elements at 0x8000 costs 32768 bytes, which brings the call's lifted"
                        + " data past its limit of 1048576 bytes");
    }

    @Test
    void eachLiftedElementIsChargedForTheHostsObjectNotJustItsBytes() {
        // 4096 list headers, all pointing at the same 8192 u16s (16 KiB): 33 million values, 64 MiB of guest bytes;
        // the outer list costs 4096 x (8 + 2 x 32) bytes, each inner one 16384 + 8192 x 2 x 32: the second passes 1 MiB
        assertThatThrownBy(liftAliasedLists("u16", 1 << 13))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("list<u16> with 8192 elements at 0x8000 costs 540672 bytes, which brings the call's lifted"
                        + " data past its limit of 1048576 bytes");
    }

    /**
     * Lifts a {@code list<list<element>>} of 4096 headers at address 0, each naming the same {@code innerLength}
     * elements at 0x8000, with a budget of 1 MiB of lifted data.
     */
    private static ThrowableAssert.ThrowingCallable liftAliasedLists(String element, int innerLength) {
        FakeGuest guest = new FakeGuest(1 << 16);
        for (int i = 0; i < 4096; i++) {
            guest.memory.storeI32(8L * i, 1 << 15);
            guest.memory.storeI32(8L * i + 4, innerLength);
        }
        CallContext cx = new CallContext(guest.options().withMaxLiftedBytes(1 << 20), guest.instance);
        Codec codec = Codecs.of(TypeSyntax.parse("list<list<" + element + ">>"));
        return () -> codec.liftFlat(cx, new Flat(new long[] {0, 4096}));
    }

    @Test
    void stringAndListPointersLoadedFromMemoryAreChecked() {
        FakeGuest guest = new FakeGuest(4096);
        guest.memory.storeI32(8, 4090);
        guest.memory.storeI32(12, 10);
        assertThatThrownBy(() -> load(guest, "string", 8))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("string at 0xffa with 10 bytes runs past the end of memory (4096 bytes)");
        assertThatThrownBy(() -> load(guest, "list<u16>", 8))
                .hasMessage("list<u16> at 0xffa with 20 bytes runs past the end of memory (4096 bytes)");
    }
}
