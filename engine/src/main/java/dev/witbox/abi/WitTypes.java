package dev.witbox.abi;

import dev.witbox.api.WitboxException;
import dev.witbox.wit.Function;
import dev.witbox.wit.Param;
import dev.witbox.wit.Type;
import dev.witbox.wit.TypeDef;
import dev.witbox.wit.TypeDefKind;
import dev.witbox.wit.WitPrinter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the WIT model's types into the ABI's {@link ValueType} tree: aliases and named definitions
 * are resolved away, and every resource becomes a {@link ResourceType}.
 *
 * <p>One instance is one conversion context. Resource types are generative (they compare by
 * identity), so the same WIT resource definition must always give the same {@code ResourceType}:
 * this object remembers them, keyed by the identity of the resource's defining {@link TypeDef}
 * (a type brought in by {@code use}, or an alias of a resource, leads to that same definition).
 * Convert everything that must agree on resources (say, all functions of one world) through one
 * instance. Not thread-safe.
 *
 * <p>{@code future}, {@code stream} and {@code error-context} have no canonical ABI
 * implementation in witbox; they are refused with a {@link WitboxException} naming the type (and,
 * through {@link #functionType}, the function and parameter).
 */
public final class WitTypes {

    private final Map<TypeDef, ResourceType> resources = new IdentityHashMap<>();
    private final Map<TypeDef, ValueType> named = new IdentityHashMap<>();

    /** The value type of {@code type}. */
    public ValueType valueType(Type type) {
        try {
            return convert(type);
        } catch (Unsupported e) {
            throw new WitboxException(e.describe());
        }
    }

    /** The type of {@code function}: its parameters (a method's {@code self} included) and result. */
    public FunctionType functionType(Function function) {
        List<FunctionType.Param> params = new ArrayList<>();
        for (Param p : function.params()) {
            try {
                params.add(new FunctionType.Param(p.name(), convert(p.type())));
            } catch (Unsupported e) {
                throw new WitboxException("function '" + function.canonicalName() + "': parameter '" + p.name()
                        + "': " + e.describe());
            }
        }
        ValueType result = null;
        if (function.result() != null) {
            try {
                result = convert(function.result());
            } catch (Unsupported e) {
                throw new WitboxException("function '" + function.canonicalName() + "': result: " + e.describe());
            }
        }
        return new FunctionType(params, result);
    }

    /**
     * The resource type of a resource definition (or of an alias of one); the same object for the
     * same definition, every time this context is asked.
     */
    public ResourceType resource(TypeDef def) {
        TypeDef res = def.resource();
        if (res == null) {
            throw new WitboxException("'" + def.name() + "' is not a resource");
        }
        return resources.computeIfAbsent(res, r -> new ResourceType(r.name()));
    }

    private ValueType convert(Type type) {
        if (type instanceof Type.Primitive p) {
            return switch (p) {
                case BOOL -> ValueType.Scalar.BOOL;
                case S8 -> ValueType.Scalar.S8;
                case S16 -> ValueType.Scalar.S16;
                case S32 -> ValueType.Scalar.S32;
                case S64 -> ValueType.Scalar.S64;
                case U8 -> ValueType.Scalar.U8;
                case U16 -> ValueType.Scalar.U16;
                case U32 -> ValueType.Scalar.U32;
                case U64 -> ValueType.Scalar.U64;
                case F32 -> ValueType.Scalar.F32;
                case F64 -> ValueType.Scalar.F64;
                case CHAR -> ValueType.Scalar.CHAR;
                case STRING -> ValueType.Scalar.STRING;
                case ERROR_CONTEXT -> throw new Unsupported(type);
            };
        }
        if (type instanceof Type.ListType l) {
            return new ValueType.ListOf(convert(l.element()));
        }
        if (type instanceof Type.FixedListType f) {
            if (f.length() > Integer.MAX_VALUE) {
                throw new Unsupported(type, "its length is above " + Integer.MAX_VALUE);
            }
            return new ValueType.FixedListOf(convert(f.element()), (int) f.length());
        }
        if (type instanceof Type.OptionType o) {
            return new ValueType.OptionOf(convert(o.element()));
        }
        if (type instanceof Type.ResultType r) {
            return new ValueType.ResultOf(r.ok() == null ? null : convert(r.ok()),
                    r.err() == null ? null : convert(r.err()));
        }
        if (type instanceof Type.TupleType t) {
            List<ValueType> elements = new ArrayList<>();
            for (Type e : t.elements()) {
                elements.add(convert(e));
            }
            return new ValueType.TupleOf(elements);
        }
        if (type instanceof Type.Own o) {
            return new ValueType.OwnOf(resource(o.resource()));
        }
        if (type instanceof Type.Borrow b) {
            return new ValueType.BorrowOf(resource(b.resource()));
        }
        if (type instanceof Type.Named n) {
            return namedType(n.def());
        }
        if (type instanceof Type.MapType m) {
            return new ValueType.MapOf(convert(m.key()), convert(m.value()));
        }
        // future, stream
        throw new Unsupported(type);
    }

    private ValueType namedType(TypeDef def) {
        ValueType known = named.get(def);
        if (known != null) {
            return known;
        }
        ValueType converted = convertDef(def);
        named.put(def, converted);
        return converted;
    }

    private ValueType convertDef(TypeDef def) {
        TypeDefKind kind = def.kind();
        if (kind instanceof TypeDefKind.Record r) {
            List<ValueType.Field> fields = new ArrayList<>();
            for (TypeDefKind.Field f : r.fields()) {
                fields.add(new ValueType.Field(f.name(), convert(f.type())));
            }
            return new ValueType.RecordOf(fields);
        }
        if (kind instanceof TypeDefKind.Variant v) {
            List<ValueType.Case> cases = new ArrayList<>();
            for (TypeDefKind.Case c : v.cases()) {
                cases.add(new ValueType.Case(c.name(), c.type() == null ? null : convert(c.type())));
            }
            return new ValueType.VariantOf(cases);
        }
        if (kind instanceof TypeDefKind.Enum e) {
            return new ValueType.EnumOf(e.cases().stream().map(TypeDefKind.EnumCase::name).toList());
        }
        if (kind instanceof TypeDefKind.Flags f) {
            return new ValueType.FlagsOf(f.flags().stream().map(TypeDefKind.Flag::name).toList());
        }
        if (kind instanceof TypeDefKind.Alias a) {
            return convert(a.target());
        }
        // A resource used by name as a value is an owned handle (the WIT model normally says Own).
        return new ValueType.OwnOf(resource(def));
    }

    /** Unwinds to the public entry point, which knows whether a function is being converted. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(Type type) {
            this(type, null);
        }

        Unsupported(Type type, String why) {
            super("type '" + WitPrinter.print(type) + "' is not supported"
                    + (why == null ? " by witbox's canonical ABI" : ": " + why), null, false, false);
        }

        String describe() {
            return getMessage();
        }
    }
}
