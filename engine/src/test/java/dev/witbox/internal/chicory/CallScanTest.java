package dev.witbox.internal.chicory;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.WitboxException;
import org.junit.jupiter.api.Test;

/**
 * The call-depth rewrite finds a module's calls by decoding it without validation; the module is validated once,
 * after the rewrite. An invalid module must still be refused as invalid.
 */
class CallScanTest {

    /** Two functions {@code () -> ()}: the first calls the second, whose body is {@code i32.add} on an empty stack. */
    private static final byte[] CALLS_INTO_AN_INVALID_BODY = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type section: () -> ()
        0x03, 0x03, 0x02, 0x00, 0x00, // function section: two functions of type 0
        0x0a, 0x0a, 0x02, // code section: two bodies
        0x04, 0x00, 0x10, 0x01, 0x0b, // call 1; end
        0x03, 0x00, 0x6a, 0x0b, // i32.add with nothing on the stack; end
    };

    @Test
    void aModuleThatMakesCallsAndDoesNotValidateIsRefusedAsInvalid() {
        assertThatThrownBy(() -> CoreModuleCode.compile("m", CALLS_INTO_AN_INVALID_BODY, ExecutionMode.COMPILED,
                (CompileCache) null, 100))
                .isInstanceOf(WitboxException.class)
                .hasMessageStartingWith("m is not a valid core module");
    }

    @Test
    void aTruncatedModuleThatMakesCallsIsRefusedAsInvalid() {
        byte[] truncated = java.util.Arrays.copyOf(CALLS_INTO_AN_INVALID_BODY, CALLS_INTO_AN_INVALID_BODY.length - 3);
        assertThatThrownBy(() -> CoreModuleCode.compile("m", truncated, ExecutionMode.COMPILED, (CompileCache) null, 100))
                .isInstanceOf(WitboxException.class)
                .hasMessageStartingWith("m is not a valid core module");
    }
}
