package dev.witbox.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.value.WitValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Java objects as the representation of a resource the guest imports ({@link ResourceRef#hostObject}):
 * they live in the guest's handle table entry, come back to the host as themselves, and are closed when
 * the guest drops its own handle or the instance is reset with the handle still there.
 */
class HostObjectResourceTest {

    private final ResourceType file = new ResourceType("file");
    private final ResourceType counter = new ResourceType("counter");
    private final List<Integer> hookDrops = new ArrayList<>();
    private FakeGuest guest;
    private ComponentInstance inst;

    /** A host object that records its closes. */
    static final class Obj implements AutoCloseable {
        final String name;
        int closes;
        RuntimeException failure;

        Obj(String name) {
            this.name = name;
        }

        @Override
        public void close() {
            closes++;
            if (failure != null) {
                throw failure;
            }
        }
    }

    @BeforeEach
    void setUp() {
        guest = new FakeGuest();
        inst = guest.instance;
        inst.defineResource(counter, null);
        inst.importResource(file, hookDrops::add);
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
    void anObjectPassedAsOwnIsClosedOnceWhenTheGuestDropsItAndNoHookHearsOfIt() {
        Obj obj = new Obj("a");
        int[] handle = new int[1];
        export(new ValueType.OwnOf(file), null, args -> {
            handle[0] = (int) args[0];
            return new long[0];
        }).call(new WitValue.Handle(ResourceRef.hostObject(obj)));
        assertThat(inst.handles().contains(handle[0])).isTrue();
        assertThat(obj.closes).isZero();
        inst.resourceDrop(file, handle[0]);
        assertThat(obj.closes).isEqualTo(1);
        assertThat(hookDrops).isEmpty();
        assertThatThrownBy(() -> inst.resourceDrop(file, handle[0])).isInstanceOf(CanonicalAbiTrap.class);
        assertThat(obj.closes).isEqualTo(1);
    }

    @Test
    void anObjectTheGuestPassesBackIsTheSameObjectAsOwnAndAsBorrow() {
        Obj obj = new Obj("b");
        AtomicReference<ResourceRef> borrowed = new AtomicReference<>();
        LoweredFunction lend = LoweredFunction.of("lend", fn(new ValueType.BorrowOf(file), null), guest.options(), inst,
                args -> {
                    borrowed.set(ref(args[0]));
                    return null;
                });
        ResourceRef back = ref(export(new ValueType.OwnOf(file), new ValueType.OwnOf(file), args -> {
            lend.call(new long[] {args[0]});
            return new long[] {args[0]};
        }).call(new WitValue.Handle(ResourceRef.hostObject(obj))));
        assertThat(borrowed.get().hostObject()).isSameAs(obj);
        assertThat(borrowed.get().isOwn()).isFalse();
        assertThat(back.hostObject()).isSameAs(obj);
        assertThat(back.isOwn()).isTrue();
        assertThat(back.type()).isSameAs(file);
        assertThat(inst.handles().size()).as("moved out of the table").isZero();
        assertThat(obj.closes).as("the host's again: not closed").isZero();
    }

    @Test
    void aBorrowOfAnObjectIsLentForTheCallAndNeverClosed() {
        Obj obj = new Obj("c");
        export(new ValueType.BorrowOf(file), null, args -> {
            inst.resourceDrop(file, (int) args[0]);
            return new long[0];
        }).call(new WitValue.Handle(ResourceRef.hostObject(obj)));
        assertThat(obj.closes).isZero();
        assertThat(inst.handles().size()).isZero();
    }

    @Test
    void aFailingCloseTrapsTheDropWithTheCause() {
        Obj obj = new Obj("d");
        obj.failure = new IllegalStateException("flush failed");
        int[] handle = new int[1];
        export(new ValueType.OwnOf(file), null, args -> {
            handle[0] = (int) args[0];
            return new long[0];
        }).call(new WitValue.Handle(ResourceRef.hostObject(obj)));
        assertThatThrownBy(() -> inst.resourceDrop(file, handle[0])).isInstanceOf(CanonicalAbiTrap.class)
                .hasMessageContaining("close() of file")
                .hasMessageContaining(Obj.class.getName())
                .hasMessageContaining("flush failed")
                .hasCause(obj.failure);
        assertThat(inst.handles().contains(handle[0])).as("the handle is gone either way").isFalse();
    }

    @Test
    void resetAndCloseHostObjectsCloseWhatTheGuestStillOwnsOnceAndSwallowFailures() {
        Obj kept = new Obj("kept");
        Obj failing = new Obj("failing");
        failing.failure = new IllegalStateException("ignored");
        LiftedFunction keep = export(new ValueType.OwnOf(file), null, args -> new long[0]);
        keep.call(new WitValue.Handle(ResourceRef.hostObject(failing)));
        keep.call(new WitValue.Handle(ResourceRef.hostObject(kept)));
        int dynamic = inst.handles().size() + 1;
        keep.call(new WitValue.Handle(ResourceRef.hostResource(file, 9)));
        assertThat(inst.handles().contains(dynamic)).isTrue();
        inst.closeHostObjects();
        assertThat(failing.closes).isEqualTo(1);
        assertThat(kept.closes).isEqualTo(1);
        assertThat(inst.handles().size()).as("only the dynamic handle is left").isEqualTo(1);
        inst.reset();
        assertThat(kept.closes).isEqualTo(1);
        assertThat(hookDrops).as("a reset runs no destructors").isEmpty();

        Obj second = new Obj("second");
        keep.call(new WitValue.Handle(ResourceRef.hostObject(second)));
        inst.reset();
        assertThat(second.closes).isEqualTo(1);
    }

    @Test
    void anObjectCannotStandForAResourceTheGuestDefines() {
        assertThatThrownBy(() -> export(new ValueType.OwnOf(counter), null, args -> new long[0])
                .call(new WitValue.Handle(ResourceRef.hostObject(new Obj("e")))))
                .isInstanceOf(CanonicalAbiTrap.class)
                .hasMessageContaining("a resource guest defines itself");
    }

    @Test
    void aMovedObjectCannotBePassedAgain() {
        ResourceRef r = ResourceRef.hostObject(new Obj("f"));
        LiftedFunction take = export(new ValueType.OwnOf(file), null, args -> new long[0]);
        take.call(new WitValue.Handle(r));
        assertThatThrownBy(() -> take.call(new WitValue.Handle(r))).isInstanceOf(CanonicalAbiTrap.class)
                .hasMessage("own<Obj> handle was already dropped or moved");
    }
}
