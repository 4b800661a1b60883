package dev.witbox.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A plan is built once per function type and bound to any number of instances and callees. */
class FunctionPlanTest {

    private static final FunctionType ADD = new FunctionType(List.of(
            new FunctionType.Param("a", ValueType.Scalar.U32), new FunctionType.Param("b", ValueType.Scalar.U32)),
            ValueType.Scalar.U32);

    @Test
    void onePlanServesSeveralInstancesEachWithItsOwnState() {
        FunctionPlan plan = FunctionPlan.of("add", ADD);
        assertThat(plan.name()).isEqualTo("add");
        assertThat(plan.type()).isEqualTo(ADD);
        assertThat(plan.liftedCoreParams()).containsExactly(CoreType.I32, CoreType.I32);
        assertThat(plan.liftedCoreResults()).containsExactly(CoreType.I32);
        FakeGuest one = new FakeGuest();
        FakeGuest two = new FakeGuest();
        LiftedFunction f = plan.lift(one.options(), one.instance, args -> new long[] {(int) (args[0] + args[1])});
        LiftedFunction g = plan.lift(two.options(), two.instance, args -> new long[] {(int) (args[0] * args[1])});
        assertThat(f.call(new WitValue.U32(40), new WitValue.U32(2))).isEqualTo(new WitValue.U32(42));
        assertThat(g.call(new WitValue.U32(40), new WitValue.U32(2))).isEqualTo(new WitValue.U32(80));
        assertThat(f.call(new WitValue.U32(0xFFFF_FFFFL), new WitValue.U32(1))).isEqualTo(new WitValue.U32(0));
    }

    @Test
    void theScalarPathKeepsEveryCheck() {
        FakeGuest guest = new FakeGuest();
        FunctionPlan plan = FunctionPlan.of("add", ADD);
        LiftedFunction wrongArity = plan.lift(guest.options(), guest.instance, args -> new long[] {1, 2});
        assertThatThrownBy(() -> wrongArity.call(new WitValue.U32(1), new WitValue.U32(2)))
                .isInstanceOf(CanonicalAbiTrap.class).hasMessageContaining("returned 2 core values, expected 1");
        assertThat(guest.instance.isInCall()).isFalse();
        LiftedFunction f = plan.lift(guest.options(), guest.instance, args -> new long[] {0});
        assertThatThrownBy(() -> f.call(new WitValue.U32(1))).isInstanceOf(WitboxException.class)
                .hasMessageContaining("takes 2 arguments, not 1");
        assertThatThrownBy(() -> f.call(new WitValue.Str("x"), new WitValue.U32(1)))
                .isInstanceOf(WitboxException.class).hasMessageContaining("cannot pass");
        assertThatThrownBy(() -> f.call(new WitValue.S32(-1), new WitValue.U32(1)))
                .isInstanceOf(WitboxException.class);
        // no reentrance, even on the fast path
        LiftedFunction[] self = new LiftedFunction[1];
        self[0] = plan.lift(guest.options(), guest.instance, args -> {
            self[0].call(new WitValue.U32(1), new WitValue.U32(2));
            return new long[] {0};
        });
        assertThatThrownBy(() -> self[0].call(new WitValue.U32(1), new WitValue.U32(2)))
                .isInstanceOf(CanonicalAbiTrap.class).hasMessageContaining("may not be reentered");
        assertThat(guest.instance.isInCall()).isFalse();
    }

    @Test
    void postReturnRunsOnTheScalarPathWithMayLeaveCleared() {
        FakeGuest guest = new FakeGuest();
        AtomicInteger postReturns = new AtomicInteger();
        CanonicalOptions options = guest.options().withPostReturn(results -> {
            assertThatThrownBy(() -> guest.instance.checkMayLeave("x")).isInstanceOf(CanonicalAbiTrap.class);
            assertThat(results).containsExactly(7L);
            postReturns.incrementAndGet();
        });
        LiftedFunction f = FunctionPlan.of("add", ADD).lift(options, guest.instance, args -> new long[] {7});
        assertThat(f.call(new WitValue.U32(1), new WitValue.U32(2))).isEqualTo(new WitValue.U32(7));
        assertThat(postReturns).hasValue(1);
    }

    @Test
    void manyScalarParametersTakeTheGeneralLoop() {
        FunctionPlan plan = FunctionPlan.of("f", LayoutTest.sig(5, ValueType.Scalar.U64));
        FakeGuest guest = new FakeGuest();
        LiftedFunction f = plan.lift(guest.options(), guest.instance, args -> {
            long sum = 0;
            for (long a : args) {
                sum += a;
            }
            return new long[] {sum};
        });
        WitValue[] args = new WitValue[5];
        for (int i = 0; i < 5; i++) {
            args[i] = new WitValue.U32(i + 1);
        }
        assertThat(f.call(args)).isEqualTo(new WitValue.U64(15));
        FunctionPlan none = FunctionPlan.of("g", LayoutTest.sig(0, null));
        assertThat(none.lift(guest.options(), guest.instance, a -> {
            assertThat(a).isEmpty();
            return new long[0];
        }).call()).isNull();
    }

    @Test
    void bindingChecksTheOptionsAgainstThePlan() {
        FunctionType greet = new FunctionType(List.of(new FunctionType.Param("name", ValueType.Scalar.STRING)),
                ValueType.Scalar.STRING);
        FunctionPlan plan = FunctionPlan.of("greet", greet);
        FakeGuest guest = new FakeGuest();
        assertThatThrownBy(() -> plan.lift(CanonicalOptions.none(), guest.instance, a -> new long[] {0}))
                .isInstanceOf(WitboxException.class).hasMessageContaining("needs the realloc option");
        assertThatThrownBy(() -> plan.lower(CanonicalOptions.none(), guest.instance, a -> a[0]))
                .isInstanceOf(WitboxException.class).hasMessageContaining("needs the memory option");
        // with the options, the same plan binds in both directions
        LoweredFunction lowered = plan.lower(guest.options(), guest.instance, a -> a[0]);
        assertThat(lowered.coreParams()).containsExactly(CoreType.I32, CoreType.I32, CoreType.I32);
        assertThat(CallPlanTest.echo(guest, ValueType.Scalar.STRING, new WitValue.Str("héllo")))
                .isEqualTo(new WitValue.Str("héllo"));
    }

    @Test
    void aScalarLoweringChecksTheHostsResult() {
        FakeGuest guest = new FakeGuest();
        FunctionPlan plan = FunctionPlan.of("add", ADD);
        LoweredFunction ok = plan.lower(guest.options(), guest.instance,
                a -> new WitValue.U32(((WitValue.U32) a[0]).value() + ((WitValue.U32) a[1]).value()));
        assertThat(ok.call(new long[] {40, 2})).containsExactly(42L);
        LoweredFunction none = plan.lower(guest.options(), guest.instance, a -> null);
        assertThatThrownBy(() -> none.call(new long[] {1, 2})).isInstanceOf(WitboxException.class)
                .hasMessageContaining("returned no value");
        assertThatThrownBy(() -> ok.call(new long[] {1})).isInstanceOf(CanonicalAbiTrap.class)
                .hasMessageContaining("expected 2");
    }
}
