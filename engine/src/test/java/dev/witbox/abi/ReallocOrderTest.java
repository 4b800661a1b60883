package dev.witbox.abi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.api.value.WitValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The realloc calls a lowering makes, one by one, against the spec's {@code store} / {@code lower}
 * definitions (CanonicalABI.md): {@code store_list_into_range} asks for the whole list, aligned to its
 * element, before storing any element, then stores the elements in order; {@code store_string_copy}
 * (UTF-8 to UTF-8) asks for exactly the string's bytes, aligned to 1, also for an empty string;
 * records, tuples, variants, options and results store their parts in order, in place. The preview1
 * adapter lowers {@code get-arguments} / {@code get-environment} into allocators that tell strings from
 * lists by the alignment asked for, so any other order, size or alignment would break it.
 *
 * <p>The expected calls come from {@link #spec}, a walk written from the spec's text, not from
 * witbox's codecs; sizes and alignments of element types are {@link Layout}'s (pinned by LayoutTest).
 */
class ReallocOrderTest {

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    /** Appends the realloc calls the spec makes storing {@code v} of type {@code t}, as {alignment, size}. */
    static void spec(ValueType t, WitValue v, List<String> out) {
        if (t == ValueType.Scalar.STRING) {
            out.add("align=1 size=" + ((WitValue.Str) v).value().getBytes(StandardCharsets.UTF_8).length);
        } else if (t instanceof ValueType.ListOf l) {
            List<WitValue> elements = elements(v);
            out.add("align=" + Layout.alignment(l.element()) + " size=" + (long) elements.size() * Layout.size(l.element()));
            elements.forEach(e -> spec(l.element(), e, out));
        } else if (t instanceof ValueType.MapOf m) {
            spec(new ValueType.ListOf(m.entries().element()), v, out);
        } else if (t instanceof ValueType.FixedListOf l) {
            elements(v).forEach(e -> spec(l.element(), e, out));
        } else if (t instanceof ValueType.RecordOf r) {
            List<WitValue.Field> fields = ((WitValue.Record) v).fields();
            for (int i = 0; i < fields.size(); i++) {
                spec(r.fields().get(i).type(), fields.get(i).value(), out);
            }
        } else if (t instanceof ValueType.TupleOf tu) {
            List<WitValue> elements = ((WitValue.Tuple) v).elements();
            for (int i = 0; i < elements.size(); i++) {
                spec(tu.elements().get(i), elements.get(i), out);
            }
        } else if (t instanceof ValueType.VariantOf va) {
            WitValue.Variant x = (WitValue.Variant) v;
            va.cases().stream().filter(c -> c.name().equals(x.caseName()) && c.payload() != null)
                    .forEach(c -> spec(c.payload(), x.payload(), out));
        } else if (t instanceof ValueType.OptionOf o) {
            WitValue.Option x = (WitValue.Option) v;
            if (x.isSome()) {
                spec(o.element(), x.value(), out);
            }
        } else if (t instanceof ValueType.ResultOf r) {
            WitValue.Result x = (WitValue.Result) v;
            ValueType payload = x.isOk() ? r.ok() : r.err();
            if (payload != null) {
                spec(payload, x.payload(), out);
            }
        }
    }

    private static List<WitValue> elements(WitValue v) {
        if (v instanceof WitValue.Bytes b) {
            List<WitValue> out = new ArrayList<>();
            for (byte x : b.value()) {
                out.add(new WitValue.U8(x & 0xFF));
            }
            return out;
        }
        return ((WitValue.ListOf) v).elements();
    }

    private static List<String> calls(FakeGuest guest) {
        return guest.reallocCalls.stream().map(c -> {
            assertThat(c[0]).as("realloc's original pointer").isZero();
            assertThat(c[1]).as("realloc's original size").isZero();
            return "align=" + c[2] + " size=" + c[3];
        }).toList();
    }

    /** A host import returning {@code value} into the guest: the path of {@code get-arguments} into the adapter. */
    private static List<String> lowerAsImportResult(ValueType type, WitValue value) {
        FakeGuest guest = new FakeGuest(1 << 18);
        FunctionType ft = new FunctionType(List.of(), type);
        LoweredFunction imported = LoweredFunction.of("get", ft, guest.options(), guest.instance, args -> value);
        long ret = Layout.flatten(type).size() > 1 ? 1024 : -1;
        guest.next = 2048;
        imported.call(ret < 0 ? new long[0] : new long[] {ret});
        return calls(guest);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomValuesAskForWhatTheSpecAsksInItsOrder(long seed) {
        Random random = new Random(seed);
        RandomRoundTripTest.Generator gen = new RandomRoundTripTest.Generator(random);
        ValueType type = gen.type(3);
        WitValue value = gen.value(type);
        List<String> expected = new ArrayList<>();
        spec(type, value, expected);
        String what = "seed " + seed + ": " + TypeNames.of(type) + " = " + value;

        FakeGuest guest = new FakeGuest(1 << 18);
        Codec codec = Codecs.of(type);
        codec.store(guest.context(), value, 1024);
        assertThat(calls(guest)).as("store: " + what).isEqualTo(expected);

        FakeGuest flat = new FakeGuest(1 << 18);
        codec.lowerFlat(flat.context(), value, new Flat(new long[codec.flatCount]));
        assertThat(calls(flat)).as("lower_flat: " + what).isEqualTo(expected);

        assertThat(lowerAsImportResult(type, value)).as("import result: " + what).isEqualTo(expected);
    }

    @Test
    void argumentsAndEnvironmentAsThePreviewOneAdapterReceivesThem() {
        ValueType args = new ValueType.ListOf(ValueType.Scalar.STRING);
        WitValue argv = new WitValue.ListOf(List.of(new WitValue.Str("prog"), new WitValue.Str(""),
                new WitValue.Str("two \"quoted\""), new WitValue.Str("é\n")));
        assertThat(lowerAsImportResult(args, argv)).containsExactly(
                "align=4 size=32", "align=1 size=4", "align=1 size=0", "align=1 size=12", "align=1 size=3");

        ValueType env = new ValueType.ListOf(new ValueType.TupleOf(List.of(ValueType.Scalar.STRING, ValueType.Scalar.STRING)));
        WitValue vars = new WitValue.ListOf(List.of(
                new WitValue.Tuple(List.of(new WitValue.Str("A"), new WitValue.Str(""))),
                new WitValue.Tuple(List.of(new WitValue.Str("QUOTED"), new WitValue.Str("say \"hi\"\nthere")))));
        assertThat(lowerAsImportResult(env, vars)).containsExactly(
                "align=4 size=32", "align=1 size=1", "align=1 size=0", "align=1 size=6", "align=1 size=14");
        assertThat(lowerAsImportResult(env, new WitValue.ListOf(List.of()))).containsExactly("align=4 size=0");
    }
}
