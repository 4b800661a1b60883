package dev.witbox.internal.chicory;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.WitboxException;
import java.io.ByteArrayOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Modules of a few bytes declaring vectors their sections cannot hold, each of which would have Chicory 1.7.5 size a
 * collection by the declared count before reading it (so allocate gigabytes, or throw {@link OutOfMemoryError} into
 * the host), and modules that are well-formed and must pass untouched.
 */
class CoreModuleBoundsTest {

    static Stream<Arguments> oversized() {
        return Stream.of(
                Arguments.of("a function type with 600 million parameters",
                        section(1, 1, 0x60, leb(600_000_000), 0x7F, 0),
                        "600000000 function type parameters are declared in the 2 bytes left of their section"),
                Arguments.of("a function type with 2^32 - 1 results",
                        section(1, 1, 0x60, 0, leb(0xFFFF_FFFFL)),
                        "4294967295 function type results are declared in the 0 bytes left of their section"),
                Arguments.of("a recursion group of a million types",
                        section(1, 1, 0x4E, leb(1_000_000), 0x60, 0, 0),
                        "1000000 recursion group types are declared in the 3 bytes left"),
                Arguments.of("a subtype with a million supertypes",
                        section(1, 1, 0x50, leb(1_000_000), 0x60, 0, 0),
                        "1000000 supertypes are declared in the 3 bytes left"),
                Arguments.of("a struct type with a million fields",
                        section(1, 1, 0x5F, leb(1_000_000), 0x7F, 0),
                        "1000000 struct fields are declared in the 2 bytes left"),
                Arguments.of("an element segment of 2 billion function indices",
                        section(9, 1, 1, 0, leb(2_000_000_000L), 0),
                        "2000000000 element segment initialisers are declared in the 1 bytes left"),
                Arguments.of("an active element segment of a billion expressions",
                        section(9, 1, 4, 0x41, 0, 0x0B, leb(1_000_000_000L), 0xD2, 0, 0x0B),
                        "1000000000 element segment initialisers are declared in the 3 bytes left"),
                Arguments.of("a data segment of 1.5 GB",
                        section(11, 1, 1, leb(1_500_000_000L), 1, 2, 3),
                        "1500000000 data segment bytes are declared in the 3 bytes left"),
                Arguments.of("an active data segment of 2 GB",
                        section(11, 1, 0, 0x41, 0, 0x0B, leb(2_000_000_000L), 1),
                        "2000000000 data segment bytes are declared in the 1 bytes left"),
                Arguments.of("a function declaring 40,000 + 40,000 locals",
                        section(10, 1, 8, 2, leb(40_000), 0x7F, leb(40_000), 0x7F, 0x0B),
                        "function body 0 declares more than 50000 locals"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversized")
    void aCountItsSectionCannotHoldIsRefusedBeforeChicoryAllocates(String what, byte[] module, String reason) {
        assertThatThrownBy(() -> CoreModuleBounds.check("plugin 'p' core module 0", module))
                .isInstanceOf(WitboxException.class)
                .hasMessageStartingWith("plugin 'p' core module 0 is not a valid core module: ")
                .hasMessageContaining(reason);
    }

    static Stream<Arguments> wellFormed() {
        return Stream.of(
                Arguments.of("a function type (i32 i32) -> i32", section(1, 1, 0x60, 2, 0x7F, 0x7F, 1, 0x7F)),
                Arguments.of("a GC recursion group of a struct and an array of (ref null 0)",
                        section(1, 1, 0x4E, 2, 0x5F, 1, 0x7F, 1, 0x5E, 0x63, 0, 0)),
                Arguments.of("a function with 50,000 locals", section(10, 1, 6, 1, leb(50_000), 0x7F, 0x0B)),
                Arguments.of("a passive element segment of 3 functions", section(9, 1, 1, 0, 3, 0, 1, 2)),
                Arguments.of("an active data segment of 3 bytes", section(11, 1, 0, 0x41, 8, 0x0B, 3, 1, 2, 3)),
                Arguments.of("a module of one exported function", TinyModules.constant(7)),
                Arguments.of("a module whose function is over the JVM's method size",
                        TinyModules.oversizedFunction(40_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wellFormed")
    void wellFormedModulesPass(String what, byte[] module) {
        assertThatCode(() -> CoreModuleBounds.check("m", module)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversized")
    void theEngineRefusesThemAsInvalidModulesInsteadOfRunningOutOfMemory(String what, byte[] module, String reason) {
        assertThatThrownBy(() -> CoreModuleCode.compile("m", module, ExecutionMode.INTERPRETED))
                .isInstanceOf(WitboxException.class)
                .hasMessageContaining(reason);
    }

    /** A module of the wasm header and one section: its id, then its payload (ints are bytes, arrays spliced). */
    private static byte[] section(int id, Object... payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Object part : payload) {
            if (part instanceof byte[] bytes) {
                body.writeBytes(bytes);
            } else {
                body.write((Integer) part);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        out.write(id);
        out.writeBytes(leb(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] leb(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Leb.unsigned(out, value);
        return out.toByteArray();
    }
}
