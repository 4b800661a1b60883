package dev.witbox.wasi;

import dev.witbox.abi.FunctionType;
import dev.witbox.abi.ValueType;

/** Structural comparison of function types in which resources match by name. */
final class TypeShapes {

    private TypeShapes() {}

    static boolean same(FunctionType a, FunctionType b) {
        if (a.params().size() != b.params().size()) {
            return false;
        }
        for (int i = 0; i < a.params().size(); i++) {
            if (!same(a.params().get(i).type(), b.params().get(i).type())) {
                return false;
            }
        }
        return a.result() == null ? b.result() == null : b.result() != null && same(a.result(), b.result());
    }

    static boolean same(ValueType a, ValueType b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof ValueType.Scalar) {
            return a == b;
        } else if (a instanceof ValueType.OwnOf x && b instanceof ValueType.OwnOf y) {
            return x.resource().name().equals(y.resource().name());
        } else if (a instanceof ValueType.BorrowOf x && b instanceof ValueType.BorrowOf y) {
            return x.resource().name().equals(y.resource().name());
        } else if (a instanceof ValueType.ListOf x && b instanceof ValueType.ListOf y) {
            return same(x.element(), y.element());
        } else if (a instanceof ValueType.FixedListOf x && b instanceof ValueType.FixedListOf y) {
            return x.length() == y.length() && same(x.element(), y.element());
        } else if (a instanceof ValueType.OptionOf x && b instanceof ValueType.OptionOf y) {
            return same(x.element(), y.element());
        } else if (a instanceof ValueType.ResultOf x && b instanceof ValueType.ResultOf y) {
            return same(x.ok(), y.ok()) && same(x.err(), y.err());
        } else if (a instanceof ValueType.EnumOf x && b instanceof ValueType.EnumOf y) {
            return x.cases().equals(y.cases());
        } else if (a instanceof ValueType.FlagsOf x && b instanceof ValueType.FlagsOf y) {
            return x.flags().equals(y.flags());
        } else if (a instanceof ValueType.TupleOf x && b instanceof ValueType.TupleOf y) {
            if (x.elements().size() != y.elements().size()) {
                return false;
            }
            for (int i = 0; i < x.elements().size(); i++) {
                if (!same(x.elements().get(i), y.elements().get(i))) {
                    return false;
                }
            }
            return true;
        } else if (a instanceof ValueType.RecordOf x && b instanceof ValueType.RecordOf y) {
            if (x.fields().size() != y.fields().size()) {
                return false;
            }
            for (int i = 0; i < x.fields().size(); i++) {
                if (!x.fields().get(i).name().equals(y.fields().get(i).name())
                        || !same(x.fields().get(i).type(), y.fields().get(i).type())) {
                    return false;
                }
            }
            return true;
        } else if (a instanceof ValueType.VariantOf x && b instanceof ValueType.VariantOf y) {
            if (x.cases().size() != y.cases().size()) {
                return false;
            }
            for (int i = 0; i < x.cases().size(); i++) {
                if (!x.cases().get(i).name().equals(y.cases().get(i).name())
                        || !same(x.cases().get(i).payload(), y.cases().get(i).payload())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
