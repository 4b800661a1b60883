package dev.witbox.wave;

import dev.witbox.abi.ValueType;
import dev.witbox.abi.ValueType.Scalar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Short ways to write value types in tests. */
final class T {

    private T() {
    }

    static final ValueType POINT = record("x", Scalar.S32, "y", Scalar.S32);
    static final ValueType SHAPE = variant("circle", Scalar.F32, "rect", POINT, "empty", null, "label", Scalar.STRING);
    static final ValueType COLOR = new ValueType.EnumOf(List.of("red", "green", "blue"));
    static final ValueType PERM = new ValueType.FlagsOf(List.of("read", "write", "exec"));

    static ValueType list(ValueType e) {
        return new ValueType.ListOf(e);
    }

    static ValueType option(ValueType e) {
        return new ValueType.OptionOf(e);
    }

    static ValueType result(ValueType ok, ValueType err) {
        return new ValueType.ResultOf(ok, err);
    }

    static ValueType tuple(ValueType... elements) {
        return new ValueType.TupleOf(Arrays.asList(elements));
    }

    /** {@code record("a", u8, "b", string)}. */
    static ValueType record(Object... namesAndTypes) {
        List<ValueType.Field> fields = new ArrayList<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            fields.add(new ValueType.Field((String) namesAndTypes[i], (ValueType) namesAndTypes[i + 1]));
        }
        return new ValueType.RecordOf(fields);
    }

    /** {@code variant("a", u8, "b", null)}. */
    static ValueType variant(Object... namesAndPayloads) {
        List<ValueType.Case> cases = new ArrayList<>();
        for (int i = 0; i < namesAndPayloads.length; i += 2) {
            cases.add(new ValueType.Case((String) namesAndPayloads[i], (ValueType) namesAndPayloads[i + 1]));
        }
        return new ValueType.VariantOf(cases);
    }

    static ValueType enumOf(String... cases) {
        return new ValueType.EnumOf(List.of(cases));
    }

    static ValueType flags(String... names) {
        return new ValueType.FlagsOf(List.of(names));
    }
}
