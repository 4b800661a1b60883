package dev.witbox.runtime;

import dev.witbox.api.Result;
import dev.witbox.abi.ResourceRef;
import dev.witbox.api.WitErrorException;
import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Conversions between the Java types of generated bindings and {@link WitValue}s, for the parts of a
 * WIT type that are the same everywhere (lists, maps, options, results, flags). Only generated glue calls
 * these; named types (records, variants, enums, resources) get methods of their own in the glue.
 * No reflection: every conversion is a plain call.
 */
public final class TypedValues {

    private TypedValues() {}

    /** {@code list<T>} from a {@code List}: each element lowered by {@code lower}. */
    public static <T> WitValue lowerList(List<T> list, Function<? super T, WitValue> lower) {
        Objects.requireNonNull(list, "list");
        WitValue[] out = new WitValue[list.size()];
        int i = 0;
        for (T element : list) {
            out[i++] = lower.apply(element);
        }
        return new WitValue.ListOf(List.of(out));
    }

    /** A {@code List} from {@code list<T>}: each element lifted by {@code lift}; unmodifiable. */
    public static <T> List<T> liftList(WitValue value, Function<WitValue, T> lift) {
        List<WitValue> elements = ((WitValue.ListOf) value).elements();
        List<T> out = new ArrayList<>(elements.size());
        for (WitValue element : elements) {
            out.add(lift.apply(element));
        }
        return Collections.unmodifiableList(out);
    }

    /** {@code list<u8>} or {@code list<u8, N>} as bytes (a fixed list arrives as a list of {@code u8}s). */
    public static byte[] bytes(WitValue value) {
        if (value instanceof WitValue.Bytes b) {
            return b.value();
        }
        List<WitValue> elements = ((WitValue.ListOf) value).elements();
        byte[] out = new byte[elements.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((WitValue.U8) elements.get(i)).value();
        }
        return out;
    }

    /** {@code option<T>} from an {@code Optional}. */
    public static <T> WitValue lowerOption(Optional<T> option, Function<? super T, WitValue> lower) {
        Objects.requireNonNull(option, "option");
        return option.isPresent() ? new WitValue.Option(lower.apply(option.get())) : WitValue.Option.NONE;
    }

    /** An {@code Optional} from {@code option<T>}. */
    public static <T> Optional<T> liftOption(WitValue value, Function<WitValue, T> lift) {
        WitValue.Option option = (WitValue.Option) value;
        return option.isSome() ? Optional.of(lift.apply(option.value())) : Optional.empty();
    }

    /** {@code result<T, E>} from a {@link Result}; a side WIT leaves out has a null function. */
    public static <T, E> WitValue lowerResult(Result<T, E> result, Function<? super T, WitValue> ok,
            Function<? super E, WitValue> err) {
        Objects.requireNonNull(result, "result");
        if (result instanceof Result.Ok<T, E> o) {
            return new WitValue.Result(true, ok == null ? null : ok.apply(o.value()));
        }
        E error = ((Result.Err<T, E>) result).error();
        return new WitValue.Result(false, err == null ? null : err.apply(error));
    }

    /** A {@link Result} from {@code result<T, E>}; a side WIT leaves out has a null function. */
    public static <T, E> Result<T, E> liftResult(WitValue value, Function<WitValue, T> ok, Function<WitValue, E> err) {
        WitValue.Result result = (WitValue.Result) value;
        if (result.isOk()) {
            return Result.ok(ok == null ? null : ok.apply(result.payload()));
        }
        return Result.err(err == null ? null : err.apply(result.payload()));
    }

    /** {@code flags} from an {@code EnumSet} whose constants are the flags in WIT order, named {@code names}. */
    public static <E extends Enum<E>> WitValue lowerFlags(Set<E> set, String... names) {
        Objects.requireNonNull(set, "flags");
        List<String> out = new ArrayList<>(set.size());
        for (E flag : set) {
            out.add(names[flag.ordinal()]);
        }
        return new WitValue.Flags(out);
    }

    /** An {@code EnumSet} of {@code constants} (the flags in WIT order, named {@code names}) from {@code flags}. */
    public static <E extends Enum<E>> EnumSet<E> liftFlags(WitValue value, E[] constants, String... names) {
        EnumSet<E> out = EnumSet.noneOf(constants[0].getDeclaringClass());
        for (String name : ((WitValue.Flags) value).set()) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(name)) {
                    out.add(constants[i]);
                    break;
                }
            }
        }
        return out;
    }

    // ---- resources the host implements: the Java object is the resource, carried in the guest's handle table

    /**
     * A handle of {@code object}, a host object implementing the resource {@code resource} the plugin
     * imports, passed as {@code own} (moved to the guest, which closes it by dropping it) or {@code borrow}
     * (for the call), as the WIT type says.
     *
     * @throws IllegalArgumentException for null
     */
    public static WitValue lowerHostObject(Object object, String resource) {
        if (object == null) {
            throw new IllegalArgumentException("null where a " + resource + " object is expected");
        }
        return new WitValue.Handle(ResourceRef.hostObject(object));
    }

    /**
     * The host object behind a handle of the imported resource {@code resource}, which must be a
     * {@code type}. An own handle moves the object to the host, which closes it when done with it.
     *
     * @throws WitboxException when the handle carries no Java object or one of another class
     */
    public static <T> T hostObject(WitValue value, Class<T> type, String resource) {
        Object object = ((WitValue.Handle) value).handle() instanceof ResourceRef ref ? ref.hostObject() : null;
        if (object == null) {
            throw new WitboxException("the " + resource + " handle carries no Java object (it was made by the"
                    + " dynamic API, ResourceRef.hostResource), where a " + type.getName() + " is expected");
        }
        if (!type.isInstance(object)) {
            throw new WitboxException("the " + resource + " handle carries a " + object.getClass().getName()
                    + ", not a " + type.getName());
        }
        return type.cast(object);
    }

    /** The error value a host implementation threw, as the Java type of the function's WIT error type. */
    @SuppressWarnings("unchecked")
    public static <E> E error(WitErrorException e) {
        return (E) e.error();
    }

    // ---------------------------------------------------------------- map<K, V>
    // The canonical ABI passes a map as list<tuple<K, V>> and promises nothing about order or unique
    // keys; the dynamic value is that list of 2-tuples, the Java value an insertion-ordered map.

    /**
     * {@code map<K, V>} from a {@code Map}: one (key, value) tuple per entry, in the map's iteration
     * order. A null key or value is refused: WIT has neither (an {@code option} value is an
     * {@code Optional}, never null).
     */
    public static <K, V> WitValue lowerMap(Map<K, V> map, Function<? super K, WitValue> lowerKey,
            Function<? super V, WitValue> lowerValue) {
        Objects.requireNonNull(map, "map");
        List<WitValue> out = new ArrayList<>(map.size());
        for (Map.Entry<K, V> entry : map.entrySet()) {
            K key = entry.getKey();
            V value = entry.getValue();
            if (key == null) {
                throw new IllegalArgumentException("map key is null: WIT map keys cannot be null");
            }
            if (value == null) {
                throw new IllegalArgumentException("map value of key " + key + " is null: WIT has no null"
                        + " (use Optional for an option value)");
            }
            out.add(new WitValue.Tuple(List.of(lowerKey.apply(key), lowerValue.apply(value))));
        }
        return new WitValue.ListOf(out);
    }

    /**
     * A {@code Map} from {@code map<K, V>}: the guest's pairs in order into a {@link LinkedHashMap}; where a
     * key comes more than once (the ABI allows it) the last pair's value wins, at the key's first position.
     * Unmodifiable.
     */
    public static <K, V> Map<K, V> liftMap(WitValue value, Function<WitValue, K> liftKey,
            Function<WitValue, V> liftValue) {
        List<WitValue> entries = ((WitValue.ListOf) value).elements();
        Map<K, V> out = new LinkedHashMap<>(Math.max(16, entries.size() * 4 / 3 + 1));
        for (WitValue entry : entries) {
            List<WitValue> pair = ((WitValue.Tuple) entry).elements();
            out.put(liftKey.apply(pair.get(0)), liftValue.apply(pair.get(1)));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The exception for an argument that does not fit its WIT type (out of range, null...), naming the
     * function and parameter.
     */
    public static IllegalArgumentException badArgument(String function, String parameter, RuntimeException cause) {
        String reason = cause instanceof NullPointerException ? "null where WIT has no null (use Optional for option)"
                : cause.getMessage();
        return new IllegalArgumentException("function '" + function + "', parameter '" + parameter + "': " + reason,
                cause);
    }
}
