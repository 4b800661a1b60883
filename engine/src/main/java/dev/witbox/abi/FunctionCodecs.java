package dev.witbox.abi;

import dev.witbox.api.WitboxException;
import java.util.ArrayList;
import java.util.List;

/**
 * What both call directions build once per function type: a codec per parameter and for the
 * result, the flat counts, and whether parameters or results spill to memory (the spec's
 * {@code flatten_functype} with {@link Layout#MAX_FLAT_PARAMS} and {@link Layout#MAX_FLAT_RESULTS}).
 */
final class FunctionCodecs {

    final String name;
    /**
     * What the spilled parameter and result areas are called in trap messages, concatenated once:
     * the checks that take them run on every call, so building them there allocated each time.
     */
    final String paramsWhat;
    final String resultWhat;
    final String resultAreaWhat;
    final Codec[] params;
    /** The parameters' names, for messages. */
    final String[] paramNames;
    /** The parameters as one tuple, for spilling; null when they fit in flat values. */
    final FieldsCodec paramTuple;
    final int flatParamCount;
    final Codec result;
    final boolean spillResult;
    final List<CoreType> flatParams;
    final List<CoreType> flatResults;
    final int flatResultCount;
    /**
     * The parameter codecs again when every parameter and the result (if any) is a
     * {@link ScalarCodec}, for the calls that need no context, cursor or borrow scope; else null.
     */
    final ScalarCodec[] scalarParams;
    final ScalarCodec scalarResult;

    FunctionCodecs(String name, FunctionType type) {
        this.name = name;
        this.paramsWhat = "the parameters of " + name;
        this.resultWhat = "the result of " + name;
        this.resultAreaWhat = "the result area of " + name;
        List<ValueType> paramTypes = new ArrayList<>();
        type.params().forEach(p -> paramTypes.add(p.type()));
        this.params = new Codec[paramTypes.size()];
        this.paramNames = type.params().stream().map(FunctionType.Param::name).toArray(String[]::new);
        for (int i = 0; i < params.length; i++) {
            params[i] = Codecs.of(paramTypes.get(i));
        }
        List<CoreType> flat = Layout.flatten(paramTypes);
        this.flatParamCount = flat.size();
        this.paramTuple = flat.size() > Layout.MAX_FLAT_PARAMS
                ? Codecs.tuple(new ValueType.TupleOf(paramTypes))
                : null;
        this.flatParams = paramTuple != null ? List.of(CoreType.I32) : flat;
        this.result = type.result() == null ? null : Codecs.of(type.result());
        List<CoreType> results = type.result() == null ? List.of() : Layout.flatten(type.result());
        this.spillResult = results.size() > Layout.MAX_FLAT_RESULTS;
        this.flatResults = spillResult ? List.of(CoreType.I32) : results;
        this.flatResultCount = flatResults.size();
        boolean scalar = paramTuple == null && (result == null || result instanceof ScalarCodec);
        for (Codec c : params) {
            scalar &= c instanceof ScalarCodec;
        }
        if (scalar) {
            this.scalarParams = new ScalarCodec[params.length];
            for (int i = 0; i < params.length; i++) {
                scalarParams[i] = (ScalarCodec) params[i];
            }
            this.scalarResult = (ScalarCodec) result;
        } else {
            this.scalarParams = null;
            this.scalarResult = null;
        }
    }

    boolean paramsUseMemory(FunctionType type) {
        return type.params().stream().anyMatch(p -> Codecs.usesMemory(p.type()));
    }

    static void require(boolean condition, String name, String message) {
        if (!condition) {
            throw new WitboxException("cannot build the canonical ABI of " + name + ": " + message);
        }
    }
}
