package dev.witbox.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** canon lift (host calls a guest export) and canon lower (guest calls a host import). */
class CallPlanTest {

    /**
     * Passes {@code value} host → guest export → host import → back: the export's core function
     * calls the lowered import with its own flat arguments, as a guest that forwards would.
     */
    static WitValue echo(FakeGuest guest, ValueType type, WitValue value) {
        FunctionType ft = new FunctionType(List.of(new FunctionType.Param("x", type)), type);
        CanonicalOptions options = guest.options();
        LoweredFunction imported = LoweredFunction.of("echo-import", ft, options, guest.instance, args -> args[0]);
        boolean spill = Layout.flatten(type).size() > Layout.MAX_FLAT_RESULTS;
        CoreFunction core = args -> {
            if (!spill) {
                return imported.call(args);
            }
            long ret = guest.realloc(0, 0, Layout.alignment(type), Layout.size(type));
            long[] withRet = Arrays.copyOf(args, args.length + 1);
            withRet[args.length] = (int) ret;
            assertThat(imported.call(withRet)).isEmpty();
            return new long[] {(int) ret};
        };
        return LiftedFunction.of("echo", ft, options, guest.instance, core).call(value);
    }

    private static FunctionType u32s(int n, ValueType result) {
        return LayoutTest.sig(n, result);
    }

    private static WitValue[] u32Values(int n) {
        WitValue[] values = new WitValue[n];
        for (int i = 0; i < n; i++) {
            values[i] = new WitValue.U32(100 + i);
        }
        return values;
    }

    @Test
    void sixteenFlatParametersArePassedFlat() {
        FakeGuest guest = new FakeGuest();
        AtomicReference<long[]> seen = new AtomicReference<>();
        LiftedFunction f = LiftedFunction.of("f", u32s(16, null), guest.options(), guest.instance, args -> {
            seen.set(args);
            return new long[0];
        });
        assertThat(f.call(u32Values(16))).isNull();
        assertThat(seen.get()).hasSize(16).startsWith(100, 101).endsWith(115);
        assertThat(guest.reallocCalls).isEmpty();
    }

    @Test
    void seventeenFlatParametersSpillToARealloceddArea() {
        FakeGuest guest = new FakeGuest();
        AtomicReference<long[]> seen = new AtomicReference<>();
        LiftedFunction f = LiftedFunction.of("f", u32s(17, null), guest.options(), guest.instance, args -> {
            seen.set(args);
            return new long[0];
        });
        f.call(u32Values(17));
        assertThat(guest.reallocCalls).hasSize(1);
        assertThat(guest.reallocCalls.get(0)).containsExactly(0, 0, 4, 68);
        long ptr = seen.get()[0];
        assertThat(seen.get()).hasSize(1);
        for (int i = 0; i < 17; i++) {
            assertThat(guest.memory.loadI32(ptr + 4L * i)).isEqualTo(100 + i);
        }
    }

    @Test
    void aGuestPassesSeventeenParametersToTheHostThroughMemory() {
        FakeGuest guest = new FakeGuest();
        List<WitValue> seen = new ArrayList<>();
        LoweredFunction f = LoweredFunction.of("f", u32s(17, null), guest.options(), guest.instance, args -> {
            seen.addAll(List.of(args));
            return null;
        });
        assertThat(f.coreParams()).containsExactly(CoreType.I32);
        for (int i = 0; i < 17; i++) {
            guest.memory.storeI32(256 + 4L * i, 100 + i);
        }
        assertThat(f.call(new long[] {256})).isEmpty();
        assertThat(seen).containsExactly(u32Values(17));
    }

    @Test
    void sixteenParametersFromTheGuestAreFlat() {
        FakeGuest guest = new FakeGuest();
        List<WitValue> seen = new ArrayList<>();
        LoweredFunction f = LoweredFunction.of("f", u32s(16, ValueType.Scalar.U32), guest.options(), guest.instance,
                args -> {
                    seen.addAll(List.of(args));
                    return new WitValue.U32(7);
                });
        long[] args = new long[16];
        for (int i = 0; i < 16; i++) {
            args[i] = 100 + i;
        }
        assertThat(f.call(args)).containsExactly(7);
        assertThat(seen).containsExactly(u32Values(16));
    }

    @Test
    void aResultOfMoreThanOneFlatValueIsLiftedThroughTheReturnedPointer() {
        FakeGuest guest = new FakeGuest();
        guest.memory.write(512, "hi".getBytes(), 0, 2);
        guest.memory.storeI32(600, 512);
        guest.memory.storeI32(604, 2);
        LiftedFunction f = LiftedFunction.of("f", u32s(0, ValueType.Scalar.STRING), guest.options(), guest.instance,
                args -> new long[] {600});
        assertThat(f.coreResults()).containsExactly(CoreType.I32);
        assertThat(f.call()).isEqualTo(new WitValue.Str("hi"));
    }

    @Test
    void aHostResultOfMoreThanOneFlatValueIsStoredAtTheGuestsReturnPointer() {
        FakeGuest guest = new FakeGuest();
        LoweredFunction f = LoweredFunction.of("f", u32s(1, ValueType.Scalar.STRING), guest.options(), guest.instance,
                args -> new WitValue.Str("héllo"));
        assertThat(f.call(new long[] {1, 800})).isEmpty();
        long ptr = guest.memory.loadI32(800);
        int len = guest.memory.loadI32(804);
        assertThat(len).isEqualTo(6);
        byte[] bytes = new byte[len];
        guest.memory.read(ptr, bytes, 0, len);
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("héllo");
    }

    @Test
    void postReturnGetsTheCoreResultsAfterTheResultIsLifted() {
        FakeGuest guest = new FakeGuest();
        List<String> events = new ArrayList<>();
        CanonicalOptions options = guest.options().withPostReturn(results -> events.add("post-return " + results[0]));
        LiftedFunction f = LiftedFunction.of("f", u32s(0, ValueType.Scalar.U32), options, guest.instance, args -> {
            events.add("call");
            return new long[] {42};
        });
        assertThat(f.call()).isEqualTo(new WitValue.U32(42));
        assertThat(events).containsExactly("call", "post-return 42");
    }

    @Test
    void postReturnMayNotCallAnImport() {
        FakeGuest guest = new FakeGuest();
        LoweredFunction imported = LoweredFunction.of("log", u32s(0, null), guest.options(), guest.instance, a -> null);
        CanonicalOptions options = guest.options().withPostReturn(results -> imported.call(new long[0]));
        LiftedFunction f = LiftedFunction.of("f", u32s(0, null), options, guest.instance, args -> new long[0]);
        assertThatThrownBy(f::call)
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("import log called by guest while it may not leave (during realloc or post-return)");
        assertThat(guest.instance.isInCall()).isFalse();
    }

    @Test
    void reallocMayNotCallAnImport() {
        FakeGuest guest = new FakeGuest();
        LoweredFunction imported = LoweredFunction.of("log", u32s(0, null), guest.options(), guest.instance, a -> null);
        CanonicalOptions options = CanonicalOptions.of(guest.memory, (p, o, a, n) -> {
            imported.call(new long[0]);
            return 64;
        });
        FunctionType ft = new FunctionType(List.of(new FunctionType.Param("s", ValueType.Scalar.STRING)), null);
        LiftedFunction f = LiftedFunction.of("f", ft, options, guest.instance, args -> new long[0]);
        assertThatThrownBy(() -> f.call(new WitValue.Str("x")))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessageContaining("may not leave");
    }

    @Test
    void anInstanceInACallMayNotBeReentered() {
        FakeGuest guest = new FakeGuest();
        AtomicReference<LiftedFunction> self = new AtomicReference<>();
        LiftedFunction f = LiftedFunction.of("f", u32s(0, null), guest.options(), guest.instance, args -> {
            self.get().call();
            return new long[0];
        });
        self.set(f);
        assertThatThrownBy(f::call)
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("cannot call f: guest is already in a call and may not be reentered");
    }

    @Test
    void aCoreFunctionReturningTheWrongNumberOfValuesTraps() {
        FakeGuest guest = new FakeGuest();
        LiftedFunction f = LiftedFunction.of("f", u32s(0, ValueType.Scalar.U32), guest.options(), guest.instance,
                args -> new long[0]);
        assertThatThrownBy(f::call).isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("f returned 0 core values, expected 1");
    }

    @Test
    void aResultPointerOutOfBoundsOrMisalignedTraps() {
        FakeGuest guest = new FakeGuest(4096);
        LiftedFunction oob = LiftedFunction.of("f", u32s(0, ValueType.Scalar.STRING), guest.options(), guest.instance,
                args -> new long[] {4092});
        assertThatThrownBy(oob::call).isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("the result of f at 0xffc with 8 bytes runs past the end of memory (4096 bytes)");
        LiftedFunction misaligned = LiftedFunction.of("f", u32s(0, ValueType.Scalar.STRING), guest.options(),
                guest.instance, args -> new long[] {2});
        assertThatThrownBy(misaligned::call).isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("the result of f at 0x2 is not aligned to 4 bytes");
    }

    @Test
    void aGuestsReturnPointerOrParameterPointerIsChecked() {
        FakeGuest guest = new FakeGuest(4096);
        LoweredFunction f = LoweredFunction.of("f", u32s(0, ValueType.Scalar.STRING), guest.options(), guest.instance,
                args -> new WitValue.Str(""));
        assertThatThrownBy(() -> f.call(new long[] {0xFFFF_FFF8L})).isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("the result area of f at 0xfffffff8 with 8 bytes runs past the end of memory (4096 bytes)");
        assertThatThrownBy(() -> f.call(new long[] {6})).hasMessage("the result area of f at 0x6 is not aligned to 4 bytes");
        LoweredFunction g = LoweredFunction.of("g", u32s(17, null), guest.options(), guest.instance, args -> null);
        assertThatThrownBy(() -> g.call(new long[] {4090})).isInstanceOf(CanonicalAbiTrap.class)
                .hasMessageContaining("the parameters of g at");
        assertThatThrownBy(() -> g.call(new long[] {1, 2})).isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("import g called with 2 core arguments, expected 1");
    }

    @Test
    void reallocResultsAreCheckedForAlignmentAndBounds() {
        FakeGuest guest = new FakeGuest(4096);
        FunctionType ft = new FunctionType(List.of(new FunctionType.Param("l", TypeSyntax.parse("list<u32>"))), null);
        LiftedFunction misaligned = LiftedFunction.of("f", ft, CanonicalOptions.of(guest.memory, (p, o, a, n) -> 2),
                guest.instance, args -> new long[0]);
        WitValue list = new WitValue.ListOf(List.of(new WitValue.U32(1)));
        assertThatThrownBy(() -> misaligned.call(list)).isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("realloc returned 0x2 for list<u32>, which is not aligned to 4 bytes");
        LiftedFunction outside = LiftedFunction.of("f", ft, CanonicalOptions.of(guest.memory, (p, o, a, n) -> 4096),
                guest.instance, args -> new long[0]);
        assertThatThrownBy(() -> outside.call(list)).isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("realloc returned 0x1000 for list<u32> with 4 bytes, which runs past the end of memory (4096 bytes)");
    }

    @Test
    void optionsMissingWhatTheTypeNeedsAreRefusedWhenThePlanIsBuilt() {
        FakeGuest guest = new FakeGuest();
        FunctionType strings = new FunctionType(List.of(new FunctionType.Param("s", ValueType.Scalar.STRING)),
                ValueType.Scalar.STRING);
        assertThatThrownBy(() -> LiftedFunction.of("f", strings, CanonicalOptions.none().withMemory(guest.memory),
                guest.instance, a -> new long[1]))
                .isInstanceOf(WitboxException.class)
                .hasMessageContaining("needs the realloc option");
        assertThatThrownBy(() -> LoweredFunction.of("f", strings, CanonicalOptions.none(), guest.instance, a -> null))
                .hasMessageContaining("needs the memory option");
        FunctionType borrowResult = new FunctionType(List.of(), TypeSyntax.parse("borrow"));
        assertThatThrownBy(() -> LiftedFunction.of("f", borrowResult, CanonicalOptions.none(), guest.instance,
                a -> new long[1]))
                .hasMessageContaining("a result may not contain a borrow");
        LiftedFunction.of("f", u32s(3, ValueType.Scalar.U32), CanonicalOptions.none(), guest.instance,
                a -> new long[1]); // scalars need no memory
    }

    @Test
    void theHostGetsOneArgumentPerParameter() {
        FakeGuest guest = new FakeGuest();
        LiftedFunction f = LiftedFunction.of("f", u32s(2, null), guest.options(), guest.instance, a -> new long[0]);
        assertThatThrownBy(() -> f.call(new WitValue.U32(1)))
                .isInstanceOf(WitboxException.class)
                .hasMessage("f takes 2 arguments, not 1");
    }
}
