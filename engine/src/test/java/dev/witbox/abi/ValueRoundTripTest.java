package dev.witbox.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of value, through memory (store, load) and through flat values (lower, lift). */
class ValueRoundTripTest {

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("bool", new WitValue.Bool(true)),
                Arguments.of("bool", new WitValue.Bool(false)),
                Arguments.of("s8", new WitValue.S8((byte) -128)),
                Arguments.of("u8", new WitValue.U8(255)),
                Arguments.of("s16", new WitValue.S16((short) -32768)),
                Arguments.of("u16", new WitValue.U16(65535)),
                Arguments.of("s32", new WitValue.S32(Integer.MIN_VALUE)),
                Arguments.of("u32", new WitValue.U32(0xFFFF_FFFFL)),
                Arguments.of("s64", new WitValue.S64(Long.MIN_VALUE)),
                Arguments.of("u64", new WitValue.U64(-1L)),
                Arguments.of("f32", new WitValue.F32(-0.0f)),
                Arguments.of("f32", new WitValue.F32(Float.POSITIVE_INFINITY)),
                Arguments.of("f64", new WitValue.F64(Math.PI)),
                Arguments.of("char", new WitValue.Char(0x1F600)),
                Arguments.of("char", new WitValue.Char(0xD7FF)),
                Arguments.of("string", new WitValue.Str("")),
                Arguments.of("string", new WitValue.Str("héllo, 世界 😀")),
                Arguments.of("list<u8>", new WitValue.Bytes(new byte[] {1, 2, (byte) 0xFF})),
                Arguments.of("list<u8>", new WitValue.Bytes(new byte[0])),
                Arguments.of("list<u32>", list(new WitValue.U32(1), new WitValue.U32(7))),
                Arguments.of("list<string>", list(new WitValue.Str("a"), new WitValue.Str(""), new WitValue.Str("ß"))),
                Arguments.of("list<list<u16>>", list(list(new WitValue.U16(1)), list())),
                Arguments.of("list<u8, 3>", list(new WitValue.U8(1), new WitValue.U8(2), new WitValue.U8(3))),
                Arguments.of("list<string, 2>", list(new WitValue.Str("x"), new WitValue.Str("yz"))),
                Arguments.of("map<string, u32>", list()),
                // a map is the list of its pairs: a repeated key is kept, in order
                Arguments.of("map<string, u32>", list(pair(new WitValue.Str("a"), new WitValue.U32(1)),
                        pair(new WitValue.Str("b"), new WitValue.U32(0xFFFF_FFFFL)),
                        pair(new WitValue.Str("a"), new WitValue.U32(2)))),
                Arguments.of("map<char, option<map<u8, list<u8>>>>", list(
                        pair(new WitValue.Char(0x1F5FA), new WitValue.Option(list(
                                pair(new WitValue.U8(7), new WitValue.Bytes(new byte[] {1, 2}))))),
                        pair(new WitValue.Char('x'), WitValue.Option.NONE))),
                Arguments.of("record<u8, string, f64>", new WitValue.Record(List.of(
                        new WitValue.Field("f0", new WitValue.U8(9)),
                        new WitValue.Field("f1", new WitValue.Str("field")),
                        new WitValue.Field("f2", new WitValue.F64(-1.5))))),
                Arguments.of("tuple<u64, bool>", new WitValue.Tuple(List.of(new WitValue.U64(5), new WitValue.Bool(true)))),
                Arguments.of("variant<u8, tuple<f32, f32>, _>", new WitValue.Variant("c1",
                        new WitValue.Tuple(List.of(new WitValue.F32(1.5f), new WitValue.F32(-2f))))),
                Arguments.of("variant<u8, tuple<f32, f32>, _>", new WitValue.Variant("c2", null)),
                Arguments.of("variant<f64, tuple<u32, u64>>", new WitValue.Variant("c1",
                        new WitValue.Tuple(List.of(new WitValue.U32(0xFFFF_FFFFL), new WitValue.U64(3))))),
                Arguments.of("variant<s64, f32, f64, u8>", new WitValue.Variant("c1", new WitValue.F32(-3.25f))),
                Arguments.of("variant<s64, f32, f64, u8>", new WitValue.Variant("c3", new WitValue.U8(200))),
                Arguments.of("enum<3>", new WitValue.Enum("e2")),
                Arguments.of("enum<300>", new WitValue.Enum("e299")),
                Arguments.of("option<string>", new WitValue.Option(new WitValue.Str("some"))),
                Arguments.of("option<string>", WitValue.Option.NONE),
                Arguments.of("option<option<u8>>", new WitValue.Option(WitValue.Option.NONE)),
                Arguments.of("result<u32, string>", new WitValue.Result(true, new WitValue.U32(1))),
                Arguments.of("result<u32, string>", new WitValue.Result(false, new WitValue.Str("bad"))),
                Arguments.of("result<_, _>", new WitValue.Result(false, null)),
                Arguments.of("result<f32, f64>", new WitValue.Result(true, new WitValue.F32(0.5f))),
                Arguments.of("flags<3>", new WitValue.Flags(List.of("f0", "f2"))),
                Arguments.of("flags<12>", new WitValue.Flags(List.of("f11"))),
                Arguments.of("flags<32>", new WitValue.Flags(List.of("f0", "f31"))),
                Arguments.of("flags<32>", new WitValue.Flags(List.of())));
    }

    static WitValue.Tuple pair(WitValue key, WitValue value) {
        return new WitValue.Tuple(List.of(key, value));
    }

    static WitValue.ListOf list(WitValue... elements) {
        return new WitValue.ListOf(List.of(elements));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("values")
    void roundTripsThroughMemory(String type, WitValue value) {
        FakeGuest guest = new FakeGuest();
        Codec codec = Codecs.of(TypeSyntax.parse(type));
        CallContext cx = guest.context();
        long at = guest.realloc(0, 0, codec.alignment, codec.size);
        codec.store(cx, value, at);
        assertThat(codec.load(guest.context(), at)).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("values")
    void roundTripsThroughFlatValues(String type, WitValue value) {
        FakeGuest guest = new FakeGuest();
        Codec codec = Codecs.of(TypeSyntax.parse(type));
        long[] flat = new long[codec.flatCount];
        Flat out = new Flat(flat);
        codec.lowerFlat(guest.context(), value, out);
        assertThat(out.pos).isEqualTo(codec.flatCount);
        Flat in = new Flat(flat);
        assertThat(codec.liftFlat(guest.context(), in)).isEqualTo(value);
        assertThat(in.pos).isEqualTo(codec.flatCount);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("values")
    void roundTripsThroughAHostImportAndAGuestExport(String type, WitValue value) {
        FakeGuest guest = new FakeGuest();
        WitValue back = CallPlanTest.echo(guest, TypeSyntax.parse(type), value);
        assertThat(back).isEqualTo(value);
    }

    @Test
    void liftingFromAnI32TakesTheLowBits() {
        FakeGuest guest = new FakeGuest();
        long[] flat = {0x1234_5680L};
        assertThat(Codecs.of(ValueType.Scalar.U8).liftFlat(guest.context(), new Flat(flat.clone())))
                .isEqualTo(new WitValue.U8(0x80));
        assertThat(Codecs.of(ValueType.Scalar.S8).liftFlat(guest.context(), new Flat(flat.clone())))
                .isEqualTo(new WitValue.S8((byte) -128));
        assertThat(Codecs.of(ValueType.Scalar.S16).liftFlat(guest.context(), new Flat(flat.clone())))
                .isEqualTo(new WitValue.S16((short) 0x5680));
        assertThat(Codecs.of(ValueType.Scalar.U32).liftFlat(guest.context(), new Flat(new long[] {-1L})))
                .isEqualTo(new WitValue.U32(0xFFFF_FFFFL));
    }

    @Test
    void anyNonZeroBitPatternIsTrue() {
        FakeGuest guest = new FakeGuest();
        Codec bool = Codecs.of(ValueType.Scalar.BOOL);
        assertThat(bool.liftFlat(guest.context(), new Flat(new long[] {0x100}))).isEqualTo(new WitValue.Bool(true));
        assertThat(bool.liftFlat(guest.context(), new Flat(new long[] {0x1_0000_0000L}))).isEqualTo(new WitValue.Bool(false));
        guest.memory.storeI8(100, (byte) 0x80);
        assertThat(bool.load(guest.context(), 100)).isEqualTo(new WitValue.Bool(true));
    }

    @Test
    void nansAreCanonicalisedBothWays() {
        FakeGuest guest = new FakeGuest();
        Codec f32 = Codecs.of(ValueType.Scalar.F32);
        WitValue lifted = f32.liftFlat(guest.context(), new Flat(new long[] {0xFFC0_1234L}));
        assertThat(Float.floatToRawIntBits(((WitValue.F32) lifted).value())).isEqualTo(0x7FC0_0000);
        long[] flat = new long[1];
        f32.lowerFlat(guest.context(), new WitValue.F32(Float.intBitsToFloat(0x7F80_0001)), new Flat(flat));
        assertThat((int) flat[0]).isEqualTo(0x7FC0_0000);
        Codec f64 = Codecs.of(ValueType.Scalar.F64);
        guest.memory.storeI64(64, 0xFFF0_0000_0000_0001L);
        assertThat(Double.doubleToRawLongBits(((WitValue.F64) f64.load(guest.context(), 64)).value()))
                .isEqualTo(0x7FF8_0000_0000_0000L);
    }

    @Test
    void flatValuesFollowChicorysConvention() {
        FakeGuest guest = new FakeGuest();
        long[] flat = new long[1];
        Codecs.of(ValueType.Scalar.U32).lowerFlat(guest.context(), new WitValue.U32(0xFFFF_FFFFL), new Flat(flat));
        assertThat(flat[0]).isEqualTo(-1L); // the int's value
        Codecs.of(ValueType.Scalar.F32).lowerFlat(guest.context(), new WitValue.F32(1.0f), new Flat(flat));
        assertThat((int) flat[0]).isEqualTo(Float.floatToRawIntBits(1.0f));
    }

    @Test
    void anI32OrF32InASlotJoinedToI64IsZeroExtended() {
        FakeGuest guest = new FakeGuest();
        Codec v = Codecs.of(TypeSyntax.parse("variant<s64, f32, u32>"));
        long[] flat = new long[2];
        v.lowerFlat(guest.context(), new WitValue.Variant("c2", new WitValue.U32(0xFFFF_FFFFL)), new Flat(flat));
        assertThat(flat).containsExactly(2, 0xFFFF_FFFFL);
        v.lowerFlat(guest.context(), new WitValue.Variant("c1", new WitValue.F32(-1.0f)), new Flat(flat));
        assertThat(flat).containsExactly(1, Float.floatToRawIntBits(-1.0f) & 0xFFFF_FFFFL);
    }

    @Test
    void unusedVariantSlotsAreZero() {
        FakeGuest guest = new FakeGuest();
        Codec v = Codecs.of(TypeSyntax.parse("variant<_, tuple<u32, u32, u32>>"));
        long[] flat = {9, 9, 9, 9};
        v.lowerFlat(guest.context(), new WitValue.Variant("c0", null), new Flat(flat));
        assertThat(flat).containsExactly(0, 0, 0, 0);
    }

    @Test
    void integersOfAnotherCaseAreAcceptedWhenInRange() {
        FakeGuest guest = new FakeGuest();
        long[] flat = new long[1];
        Codecs.of(ValueType.Scalar.U8).lowerFlat(guest.context(), new WitValue.S32(200), new Flat(flat));
        assertThat(flat[0]).isEqualTo(200);
        assertThatThrownBy(() -> Codecs.of(ValueType.Scalar.U8).lowerFlat(guest.context(), new WitValue.S32(256),
                new Flat(new long[1])))
                .isInstanceOf(WitboxException.class)
                .hasMessage("value 256 is out of range for u8");
        assertThatThrownBy(() -> Codecs.of(ValueType.Scalar.S64).lowerFlat(guest.context(), new WitValue.U64(-1),
                new Flat(new long[1])))
                .hasMessage("value 18446744073709551615 is out of range for s64");
        assertThatThrownBy(() -> Codecs.of(ValueType.Scalar.U16).lowerFlat(guest.context(), new WitValue.S8((byte) -1),
                new Flat(new long[1])))
                .hasMessage("value -1 is out of range for u16");
    }

    @Test
    void valuesOfTheWrongKindAreRefusedWithoutTrapping() {
        FakeGuest guest = new FakeGuest();
        assertThatThrownBy(() -> Codecs.of(ValueType.Scalar.STRING).lowerFlat(guest.context(), new WitValue.U8(1),
                new Flat(new long[2])))
                .isInstanceOf(WitboxException.class)
                .isNotInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("cannot pass a U8 as string");
        assertThatThrownBy(() -> Codecs.of(TypeSyntax.parse("enum<2>")).lowerFlat(guest.context(),
                new WitValue.Enum("nope"), new Flat(new long[1])))
                .hasMessage("enum {e0, e1} has no case nope");
        assertThatThrownBy(() -> Codecs.of(TypeSyntax.parse("flags<2>")).lowerFlat(guest.context(),
                new WitValue.Flags(List.of("f7")), new Flat(new long[1])))
                .hasMessage("flags {f0, f1} has no flag f7");
        assertThatThrownBy(() -> Codecs.of(TypeSyntax.parse("option<u8>")).lowerFlat(guest.context(),
                new WitValue.Option(new WitValue.Str("x")), new Flat(new long[2])))
                .hasMessage("cannot pass a Str as u8");
        assertThatThrownBy(() -> Codecs.of(TypeSyntax.parse("list<u8, 2>")).lowerFlat(guest.context(),
                new WitValue.ListOf(List.of(new WitValue.U8(1))), new Flat(new long[2])))
                .hasMessage("cannot pass a list of 1 elements as list<u8, 2>");
    }

    @Test
    void recordFieldsMayComeInAnotherOrder() {
        FakeGuest guest = new FakeGuest();
        Codec r = Codecs.of(TypeSyntax.parse("record<u8, u16>"));
        long[] flat = new long[2];
        r.lowerFlat(guest.context(), new WitValue.Record(List.of(
                new WitValue.Field("f1", new WitValue.U16(2)), new WitValue.Field("f0", new WitValue.U8(1)))),
                new Flat(flat));
        assertThat(flat).containsExactly(1, 2);
    }

    @Test
    void flagsLayBitIForFlagI() {
        FakeGuest guest = new FakeGuest();
        Codec f = Codecs.of(TypeSyntax.parse("flags<10>"));
        f.store(guest.context(), new WitValue.Flags(List.of("f1", "f9")), 32);
        assertThat(guest.memory.loadI16(32)).isEqualTo((short) 0b10_0000_0010);
        guest.memory.storeI16(32, (short) 0xFFFF); // bits beyond the last flag are ignored
        assertThat(((WitValue.Flags) f.load(guest.context(), 32)).set()).hasSize(10);
    }

    @Test
    void bytesCrossAsOneBlock() {
        FakeGuest guest = new FakeGuest();
        Codec bytes = Codecs.of(TypeSyntax.parse("list<u8>"));
        long[] flat = new long[2];
        bytes.lowerFlat(guest.context(), new WitValue.Bytes(new byte[] {5, 6, 7}), new Flat(flat));
        assertThat(guest.reallocCalls).hasSize(1);
        assertThat(guest.reallocCalls.get(0)).containsExactly(0, 0, 1, 3);
        assertThat(flat[1]).isEqualTo(3);
        assertThat(guest.memory.loadI8(flat[0] + 2)).isEqualTo((byte) 7);
    }
}
