package dev.witbox.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.value.WitValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Handle tables, the resource built-ins, and resources crossing between host and guest. */
class ResourceTest {

    private final ResourceType counter = new ResourceType("counter");
    private final ResourceType file = new ResourceType("file");
    private final List<Integer> destroyed = new ArrayList<>();
    private FakeGuest guest;
    private ComponentInstance inst;

    @BeforeEach
    void setUp() {
        guest = new FakeGuest();
        inst = guest.instance;
        inst.defineResource(counter, destroyed::add);
        inst.importResource(file, rep -> destroyed.add(-rep));
    }

    private static FunctionType fn(ValueType param, ValueType result) {
        return new FunctionType(param == null ? List.of() : List.of(new FunctionType.Param("p", param)), result);
    }

    private LiftedFunction export(ValueType param, ValueType result, CoreFunction core) {
        return LiftedFunction.of("export", fn(param, result), guest.options(), inst, core);
    }

    private static ResourceRef ref(WitValue value) {
        return (ResourceRef) ((WitValue.Handle) value).handle();
    }

    @Test
    void handlesAreSmallIndicesStartingAtOneAndFreedSlotsAreReused() {
        int a = inst.resourceNew(counter, 100);
        int b = inst.resourceNew(counter, 200);
        assertThat(a).isEqualTo(1);
        assertThat(b).isEqualTo(2);
        assertThat(inst.resourceRep(counter, b)).isEqualTo(200);
        inst.resourceDrop(counter, a);
        assertThat(destroyed).containsExactly(100);
        assertThat(inst.resourceNew(counter, 300)).isEqualTo(1);
        assertThat(inst.handles().size()).isEqualTo(2);
    }

    @Test
    void useAfterDropDoubleDropAndIndexZeroTrap() {
        int h = inst.resourceNew(counter, 7);
        inst.resourceDrop(counter, h);
        assertThatThrownBy(() -> inst.resourceRep(counter, h))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("handle 1 (0x1) is not a live handle of counter");
        assertThatThrownBy(() -> inst.resourceDrop(counter, h)).isInstanceOf(CanonicalAbiTrap.class);
        assertThatThrownBy(() -> inst.resourceRep(counter, 0)).isInstanceOf(CanonicalAbiTrap.class);
        assertThatThrownBy(() -> inst.resourceRep(counter, -1))
                .hasMessage("handle 4294967295 (0xffffffff) is not a live handle of counter");
        assertThat(destroyed).containsExactly(7);
    }

    @Test
    void aHandleOfTheWrongResourceTypeTraps() {
        ResourceType other = new ResourceType("counter"); // same name, different type
        inst.defineResource(other, null);
        int h = inst.resourceNew(counter, 7);
        assertThatThrownBy(() -> inst.resourceRep(other, h))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("handle 1 is an own<counter>, not a handle of counter (wrong resource type)");
        assertThatThrownBy(() -> inst.resourceDrop(other, h)).isInstanceOf(CanonicalAbiTrap.class);
        assertThatThrownBy(() -> inst.resourceNew(file, 1))
                .hasMessage("resource.new of file, which guest does not define");
    }

    @Test
    void anOwnedResourceReturnedToTheHostLeavesTheTableAndItsDropRunsTheDestructor() {
        LiftedFunction make = export(null, new ValueType.OwnOf(counter),
                args -> new long[] {inst.resourceNew(counter, 42)});
        WitValue.Handle h = (WitValue.Handle) make.call();
        ResourceRef r = ref(h);
        assertThat(r.resourceName()).isEqualTo("counter");
        assertThat(r.rep()).isEqualTo(42);
        assertThat(r.owner()).isSameAs(inst);
        assertThat(inst.handles().size()).isZero();
        r.drop();
        assertThat(destroyed).containsExactly(42);
        assertThat(r.isDropped()).isTrue();
        assertThatThrownBy(r::drop)
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("own<counter> handle was already dropped or moved");
    }

    @Test
    void passingAnOwnBackMovesItIntoTheGuest() {
        ResourceRef r = ref(export(null, new ValueType.OwnOf(counter),
                args -> new long[] {inst.resourceNew(counter, 42)}).call());
        AtomicReference<Integer> received = new AtomicReference<>();
        LiftedFunction take = export(new ValueType.OwnOf(counter), null, args -> {
            received.set((int) args[0]);
            return new long[0];
        });
        take.call(new WitValue.Handle(r));
        assertThat(r.isDropped()).isTrue();
        assertThat(inst.resourceRep(counter, received.get())).isEqualTo(42);
        assertThatThrownBy(() -> take.call(new WitValue.Handle(r)))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("own<counter> handle was already dropped or moved");
        assertThat(destroyed).isEmpty();
    }

    @Test
    void aBorrowOfTheCalleesOwnResourceTypeLowersToTheRep() {
        ResourceRef r = ref(export(null, new ValueType.OwnOf(counter),
                args -> new long[] {inst.resourceNew(counter, 42)}).call());
        AtomicReference<Long> received = new AtomicReference<>();
        LiftedFunction use = export(new ValueType.BorrowOf(counter), null, args -> {
            received.set(args[0]);
            assertThatThrownBy(r::drop).hasMessage("cannot drop own<counter> handle: it is lent to a call in progress");
            return new long[0];
        });
        use.call(new WitValue.Handle(r));
        assertThat(received.get()).isEqualTo(42);
        assertThat(inst.handles().size()).isZero();
        assertThat(r.isDropped()).isFalse();
        r.drop(); // the loan ended with the call
        assertThat(destroyed).containsExactly(42);
    }

    @Test
    void aBorrowOfAHostResourceIsAHandleTheGuestMustDropBeforeReturning() {
        ResourceRef hostFile = ResourceRef.hostResource(file, 5);
        LiftedFunction polite = export(new ValueType.BorrowOf(file), null, args -> {
            assertThat(inst.handles().contains((int) args[0])).isTrue();
            inst.resourceDrop(file, (int) args[0]);
            return new long[0];
        });
        polite.call(new WitValue.Handle(hostFile));
        assertThat(destroyed).isEmpty(); // dropping a borrow runs no destructor
        LiftedFunction rude = export(new ValueType.BorrowOf(file), null, args -> new long[0]);
        assertThatThrownBy(() -> rude.call(new WitValue.Handle(hostFile)))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("export returned while still holding 1 borrowed handle(s) it was lent");
        assertThat(inst.isInCall()).isFalse();
    }

    @Test
    void aHostResourceMovedIntoTheGuestIsDestroyedByTheHostsDestructorWhenTheGuestDropsIt() {
        AtomicReference<Integer> handle = new AtomicReference<>();
        export(new ValueType.OwnOf(file), null, args -> {
            handle.set((int) args[0]);
            return new long[0];
        }).call(new WitValue.Handle(ResourceRef.hostResource(file, 9)));
        inst.resourceDrop(file, handle.get());
        assertThat(destroyed).containsExactly(-9);
    }

    @Test
    void aGuestLendsAHandleToTheHostForTheCallOnly() {
        int h = inst.resourceNew(counter, 42);
        AtomicReference<ResourceRef> kept = new AtomicReference<>();
        LoweredFunction imported = LoweredFunction.of("inspect", fn(new ValueType.BorrowOf(counter), null),
                guest.options(), inst, args -> {
                    kept.set(ref(args[0]));
                    assertThat(kept.get().isOwn()).isFalse();
                    assertThat(kept.get().rep()).isEqualTo(42);
                    assertThatThrownBy(() -> inst.resourceDrop(counter, h))
                            .isInstanceOf(CanonicalAbiTrap.class)
                            .hasMessage("cannot drop handle 1 (own<counter>): it is lent to 1 call(s)");
                    return null;
                });
        imported.call(new long[] {h});
        assertThat(kept.get().isDropped()).isTrue(); // the borrow scope ended
        inst.resourceDrop(counter, h); // and the loan is back
        assertThat(destroyed).containsExactly(42);
    }

    @Test
    void aGuestPassingOwnToTheHostGivesUpItsHandle() {
        int h = inst.resourceNew(counter, 42);
        AtomicReference<ResourceRef> got = new AtomicReference<>();
        LoweredFunction imported = LoweredFunction.of("consume", fn(new ValueType.OwnOf(counter), null),
                guest.options(), inst, args -> {
                    got.set(ref(args[0]));
                    return null;
                });
        imported.call(new long[] {h});
        assertThat(inst.handles().contains(h)).isFalse();
        assertThat(got.get().isOwn()).isTrue();
        assertThat(got.get().isDropped()).isFalse();
    }

    @Test
    void aBorrowHandleCannotBeMovedAsOwn() {
        ResourceRef hostFile = ResourceRef.hostResource(file, 5);
        LoweredFunction consume = LoweredFunction.of("consume", fn(new ValueType.OwnOf(file), null),
                guest.options(), inst, args -> null);
        export(new ValueType.BorrowOf(file), null, args -> {
            assertThatThrownBy(() -> consume.call(new long[] {args[0]}))
                    .isInstanceOf(CanonicalAbiTrap.class)
                    .hasMessage("handle 1 is a borrow<file>, passed as own<file>");
            inst.resourceDrop(file, (int) args[0]);
            return new long[0];
        }).call(new WitValue.Handle(hostFile));
    }

    @Test
    void aHandleFromAnotherInstanceTraps() {
        FakeGuest other = new FakeGuest();
        other.instance.defineResource(counter, null);
        ResourceRef foreign = ref(LiftedFunction.of("make", fn(null, new ValueType.OwnOf(counter)), other.options(),
                other.instance, args -> new long[] {other.instance.resourceNew(counter, 1)}).call());
        LiftedFunction take = export(new ValueType.OwnOf(counter), null, args -> new long[0]);
        assertThatThrownBy(() -> take.call(new WitValue.Handle(foreign)))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("an own<counter> handle of guest was passed to guest (handle from another instance)");
        assertThat(foreign.isDropped()).isFalse();
    }

    @Test
    void aHandleOfTheWrongResourceTypePassedByTheHostTraps() {
        LiftedFunction take = export(new ValueType.OwnOf(counter), null, args -> new long[0]);
        assertThatThrownBy(() -> take.call(new WitValue.Handle(ResourceRef.hostResource(file, 1))))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("an own<file> handle was passed where a handle of counter is expected (wrong resource type)");
    }

    @Test
    void theHostCannotDropAResourceWhileItsInstanceIsInACall() {
        ResourceRef r = ref(export(null, new ValueType.OwnOf(counter),
                args -> new long[] {inst.resourceNew(counter, 42)}).call());
        LoweredFunction hostDrops = LoweredFunction.of("drop-it", fn(null, null), guest.options(), inst, args -> {
            r.drop();
            return null;
        });
        assertThatThrownBy(() -> export(null, null, args -> hostDrops.call(new long[0])).call())
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("cannot drop a counter of guest while a call into it is running (it may not be reentered)");
    }

    @Test
    void resourceBuiltinsMayNotRunDuringPostReturn() {
        CanonicalOptions options = guest.options().withPostReturn(results -> inst.resourceNew(counter, 1));
        LiftedFunction f = LiftedFunction.of("f", fn(null, null), options, inst, args -> new long[0]);
        assertThatThrownBy(f::call)
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("resource.new called by guest while it may not leave (during realloc or post-return)");
    }

    @Test
    void aLentOwnHandleCannotBeMovedOut() {
        int h = inst.resourceNew(counter, 42);
        LoweredFunction both = LoweredFunction.of("both",
                new FunctionType(List.of(new FunctionType.Param("a", new ValueType.BorrowOf(counter)),
                        new FunctionType.Param("b", new ValueType.OwnOf(counter))), null),
                guest.options(), inst, args -> null);
        assertThatThrownBy(() -> both.call(new long[] {h, h}))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("cannot move handle 1 (own<counter>): it is lent to 1 call(s)");
    }

    @Test
    void handlesInsideListsAndRecordsAreMovedToo() {
        int a = inst.resourceNew(counter, 1);
        int b = inst.resourceNew(counter, 2);
        guest.memory.storeI32(512, a);
        guest.memory.storeI32(516, b);
        List<WitValue> got = new ArrayList<>();
        LoweredFunction take = LoweredFunction.of("take", fn(new ValueType.ListOf(new ValueType.OwnOf(counter)), null),
                guest.options(), inst, args -> {
                    got.addAll(((WitValue.ListOf) args[0]).elements());
                    return null;
                });
        take.call(new long[] {512, 2});
        assertThat(got).extracting(v -> ref(v).rep()).containsExactly(1, 2);
        assertThat(inst.handles().size()).isZero();
    }

    @Test
    void aLoanToAGuestEndsEvenWhenTheGuestTraps() {
        ResourceRef r = ref(export(null, new ValueType.OwnOf(counter),
                args -> new long[] {inst.resourceNew(counter, 42)}).call());
        LiftedFunction trapping = export(new ValueType.BorrowOf(counter), null, args -> {
            throw new CanonicalAbiTrap("unreachable");
        });
        assertThatThrownBy(() -> trapping.call(new WitValue.Handle(r))).hasMessage("unreachable");
        assertThat(inst.isInCall()).isFalse();
        r.drop();
        assertThat(destroyed).containsExactly(42);
    }
}
