package dev.witbox.abi;

import dev.witbox.api.value.WitValue;

/**
 * {@code own<R>} and {@code borrow<R>}: an i32 index into the instance's handle table. The table
 * work (moving, lending, checking) is the call context's, which knows the call's borrow scope.
 */
final class HandleCodecs {

    private HandleCodecs() {}

    static final class OwnCodec extends Codec {
        private final ResourceType resource;

        OwnCodec(ValueType.OwnOf type) {
            super(type);
            this.resource = type.resource();
        }

        @Override
        WitValue load(CallContext cx, long address) {
            return cx.liftOwn(resource, cx.memory.loadI32(address));
        }

        @Override
        void store(CallContext cx, WitValue value, long address) {
            cx.memory.storeI32(address, cx.lowerOwn(resource, value));
        }

        @Override
        WitValue liftFlat(CallContext cx, Flat in) {
            return cx.liftOwn(resource, (int) in.next());
        }

        @Override
        void lowerFlat(CallContext cx, WitValue value, Flat out) {
            out.put(cx.lowerOwn(resource, value));
        }
    }

    static final class BorrowCodec extends Codec {
        private final ResourceType resource;

        BorrowCodec(ValueType.BorrowOf type) {
            super(type);
            this.resource = type.resource();
        }

        @Override
        WitValue load(CallContext cx, long address) {
            return cx.liftBorrow(resource, cx.memory.loadI32(address));
        }

        @Override
        void store(CallContext cx, WitValue value, long address) {
            cx.memory.storeI32(address, cx.lowerBorrow(resource, value));
        }

        @Override
        WitValue liftFlat(CallContext cx, Flat in) {
            return cx.liftBorrow(resource, (int) in.next());
        }

        @Override
        void lowerFlat(CallContext cx, WitValue value, Flat out) {
            out.put(cx.lowerBorrow(resource, value));
        }
    }
}
