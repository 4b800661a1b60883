package dev.witbox.internal.chicory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ValType;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import dev.witbox.api.WitboxException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The persistent compile cache, on modules of a known shape: hits, keys, damage, concurrent writers. */
class CompileCacheTest {

    private static final String IDENTITY = CompilerIdentity.current();
    /** Far over the JVM's 64 KB method limit: the compiler must leave {@code big} to the interpreter. */
    private static final int OVERSIZED_TERMS = 40_000;

    @TempDir
    Path dir;

    @Test
    void aSecondCacheOnTheSameDirectoryLoadsInsteadOfCompiling() {
        byte[] module = TinyModules.constant(42);
        CompileCache first = CompileCache.open(dir, IDENTITY);
        assertThat(call(compile(module, first), "value")).isEqualTo(42);
        assertThat(first.stats()).isEqualTo(new CompileCache.Stats(0, 1, 0, 1, 0));

        CompileCache second = CompileCache.open(dir, IDENTITY);
        assertThat(call(compile(module, second), "value")).isEqualTo(42);
        assertThat(second.stats()).isEqualTo(new CompileCache.Stats(1, 0, 0, 0, 0));
        assertThat(entries()).hasSize(1);
    }

    @Test
    void entriesBeyondTheLimitAreEvictedLeastRecentlyUsedFirst() throws IOException {
        CompileCache sizing = CompileCache.open(dir.resolve("sizing"), IDENTITY);
        compile(TinyModules.constant(1), sizing);
        long entrySize = Files.size(entriesIn(dir.resolve("sizing")).get(0));
        // room for two entries of this size (they differ by a few bytes at most), not three
        CompileCache cache = CompileCache.open(dir, IDENTITY, entrySize * 2 + entrySize / 2);
        compile(TinyModules.constant(1), cache);
        Path first = entries().get(0);
        Files.setLastModifiedTime(first, FileTime.from(Instant.now().minusSeconds(600)));
        compile(TinyModules.constant(2), cache);
        Path second = entries().stream().filter(p -> !p.equals(first)).findFirst().orElseThrow();
        Files.setLastModifiedTime(second, FileTime.from(Instant.now().minusSeconds(300)));
        // a hit renews the first entry: the second is now the least recently used
        assertThat(call(compile(TinyModules.constant(1), cache), "value")).isEqualTo(1);

        compile(TinyModules.constant(3), cache);

        assertThat(entries()).hasSize(2).contains(first).doesNotContain(second);
        assertThat(cache.stats()).isEqualTo(new CompileCache.Stats(1, 3, 0, 3, 1));
        assertThat(call(compile(TinyModules.constant(2), CompileCache.open(dir, IDENTITY)), "value")).isEqualTo(2);
    }

    @Test
    void anEntryLargerThanTheWholeLimitIsStillKeptUntilTheNextWrite() {
        CompileCache cache = CompileCache.open(dir, IDENTITY, 1);
        compile(TinyModules.constant(1), cache);
        assertThat(entries()).hasSize(1);

        compile(TinyModules.constant(2), cache);

        assertThat(entries()).hasSize(1);
        assertThat(cache.stats().evicted()).isEqualTo(1);
    }

    @Test
    void aLimitThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> CompileCache.open(dir, IDENTITY, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be positive");
    }

    @Test
    void functionsLeftToTheInterpreterRunTheSameFromTheCache() {
        byte[] module = TinyModules.oversizedFunction(OVERSIZED_TERMS);
        // the premise: this module cannot be compiled without the interpreter fallback
        assertThatThrownBy(() -> MachineFactoryCompiler.builder(Parser.parse(module))
                .withInterpreterFallback(InterpreterFallback.FAIL).compile())
                .hasMessageContaining("exceeds the Java method size limits");
        long expected = 1000L * OVERSIZED_TERMS;
        CoreModuleCode interpreted = CoreModuleCode.compile("oversized", module, ExecutionMode.INTERPRETED);
        assertThat(call(interpreted, "big")).isEqualTo(expected);

        CoreModuleCode compiled = compile(module, CompileCache.open(dir, IDENTITY));
        assertThat(call(compiled, "big")).isEqualTo(expected);
        assertThat(call(compiled, "plus-one")).isEqualTo(expected + 1);

        CompileCache warm = CompileCache.open(dir, IDENTITY);
        CoreModuleCode cached = compile(module, warm);
        assertThat(warm.stats().hits()).isEqualTo(1);
        assertThat(call(cached, "big")).isEqualTo(expected);
        assertThat(call(cached, "plus-one")).isEqualTo(expected + 1);
    }

    @Test
    void aHitParsesTheModuleWithOnlyTheInterpretedBodiesKept() {
        byte[] module = TinyModules.oversizedFunction(OVERSIZED_TERMS);
        compile(module, CompileCache.open(dir, IDENTITY));

        CoreModuleCode cached = compile(module, CompileCache.open(dir, IDENTITY));
        // "big" runs in the interpreter, so its body is kept whole; "plus-one" is compiled: a stub is parsed
        FunctionBody big = cached.module().codeSection().getFunctionBody(0);
        FunctionBody plusOne = cached.module().codeSection().getFunctionBody(1);
        assertThat(big.instructions()).hasSize(2 + 2 * OVERSIZED_TERMS);
        assertThat(plusOne.instructions()).extracting(Instruction::opcode)
                .containsExactly(OpCode.UNREACHABLE, OpCode.END);
        assertThat(call(cached, "plus-one")).isEqualTo(1000L * OVERSIZED_TERMS + 1);
    }

    @Test
    void aBodyUnderThePredictedSizeThatDoesNotFitAMethodIsInterpretedToo() {
        int calls = 14_000;
        byte[] module = TinyModules.manyCalls(calls, OVERSIZED_TERMS);
        // the premise: "big" is interpreted without trying; "sum" is under that size, yet does not fit a JVM method
        int[] sizes = StubbedModule.bodySizes(module);
        assertThat(sizes[2]).isGreaterThanOrEqualTo(ChicoryCompiler.PREDICTED_TOO_LARGE);
        assertThat(sizes[0]).isLessThan(ChicoryCompiler.PREDICTED_TOO_LARGE);
        assertThatThrownBy(() -> MachineFactoryCompiler.builder(Parser.parse(module))
                .withInterpretedFunctions(java.util.Set.of(2)).withInterpreterFallback(InterpreterFallback.FAIL)
                .compile())
                .hasMessageContaining("exceeds the Java method size limits");

        CoreModuleCode compiled = compile(module, CompileCache.open(dir, IDENTITY));
        assertThat(call(compiled, "sum")).isEqualTo(calls);
        assertThat(call(compiled, "big")).isEqualTo(1000L * OVERSIZED_TERMS);
        CoreModuleCode cached = compile(module, CompileCache.open(dir, IDENTITY));
        assertThat(cached.module().codeSection().getFunctionBody(0).instructions()).hasSize(2 + 2 * calls);
        assertThat(cached.module().codeSection().getFunctionBody(1).instructions()).extracting(Instruction::opcode)
                .containsExactly(OpCode.UNREACHABLE, OpCode.END);
        assertThat(call(cached, "sum")).isEqualTo(calls);
        assertThat(call(cached, "big")).isEqualTo(1000L * OVERSIZED_TERMS);
    }

    @Test
    void aHitPutsBackWhatTheValidatorWroteIntoTheInterpretedBodies() {
        // "big" drops a v128: the validator records its width in the drop, which Chicory's interpreter reads
        byte[] module = TinyModules.oversizedFunctionDroppingAVector(OVERSIZED_TERMS);
        WasmModule validated = Parser.parse(module);
        List<ValidatorHints.Hint> hints = ValidatorHints.between(validated, CoreModuleCode.parseStored("m", module),
                java.util.Set.of(0));
        assertThat(hints).containsExactly(new ValidatorHints.Hint(0, 2, 0, ValType.ID.V128));

        compile(module, CompileCache.open(dir, IDENTITY));
        CompileCache warm = CompileCache.open(dir, IDENTITY);
        CoreModuleCode cached = compile(module, warm);
        assertThat(warm.stats().hits()).isEqualTo(1);
        // parsed without the validator, yet every instruction of the kept body as the validated parse has it
        List<? extends Instruction> expected = validated.codeSection().getFunctionBody(0).instructions();
        List<? extends Instruction> actual = cached.module().codeSection().getFunctionBody(0).instructions();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).operands()).as("instruction %d", i).isEqualTo(expected.get(i).operands());
        }
    }

    @Test
    void differentModuleBytesAreDifferentEntries() {
        CompileCache cache = CompileCache.open(dir, IDENTITY);
        assertThat(call(compile(TinyModules.constant(1), cache), "value")).isEqualTo(1);
        assertThat(call(compile(TinyModules.constant(2), cache), "value")).isEqualTo(2);
        assertThat(cache.stats().misses()).isEqualTo(2);
        assertThat(entries()).hasSize(2);

        CompileCache warm = CompileCache.open(dir, IDENTITY);
        assertThat(call(compile(TinyModules.constant(2), warm), "value")).isEqualTo(2);
        assertThat(call(compile(TinyModules.constant(1), warm), "value")).isEqualTo(1);
        assertThat(warm.stats().hits()).isEqualTo(2);
    }

    @Test
    void anotherWitboxOrChicoryVersionMissesAndKeepsItsOwnEntry() {
        byte[] module = TinyModules.constant(7);
        compile(module, CompileCache.open(dir, CompilerIdentity.of("0.1.0", "1.7.5")));

        CompileCache newerWitbox = CompileCache.open(dir, CompilerIdentity.of("0.2.0", "1.7.5"));
        assertThat(call(compile(module, newerWitbox), "value")).isEqualTo(7);
        assertThat(newerWitbox.stats()).isEqualTo(new CompileCache.Stats(0, 1, 0, 1, 0));
        CompileCache newerChicory = CompileCache.open(dir, CompilerIdentity.of("0.1.0", "1.8.0"));
        compile(module, newerChicory);
        assertThat(newerChicory.stats().misses()).isEqualTo(1);
        assertThat(entries()).hasSize(3);

        CompileCache original = CompileCache.open(dir, CompilerIdentity.of("0.1.0", "1.7.5"));
        compile(module, original);
        assertThat(original.stats().hits()).isEqualTo(1);
    }

    @Test
    void theIdentityNamesBothVersionsAndTheOptions() {
        assertThat(IDENTITY).matches("witbox \\d+\\.\\d+\\.\\d+\\S*\nchicory \\d+\\.\\d+\\.\\d+\\S*\n"
                + CompilerIdentity.OPTIONS);
    }

    static Stream<Arguments> damage() {
        return Stream.of(
                Arguments.of("empty", (UnaryOperator<byte[]>) b -> new byte[0]),
                Arguments.of("cut in half", (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, b.length / 2)),
                Arguments.of("last byte missing", (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, b.length - 1)),
                Arguments.of("a byte flipped in the payload", (UnaryOperator<byte[]>) b -> flip(b, b.length / 2)),
                Arguments.of("a byte flipped in the checksum", (UnaryOperator<byte[]>) b -> flip(b, b.length - 3)),
                Arguments.of("padded", (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, b.length + 10)),
                Arguments.of("not an entry at all", (UnaryOperator<byte[]>) b -> "PK\3\4 not a cache entry".getBytes()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damage")
    void aDamagedEntryIsDetectedCompiledAgainAndReplaced(String what, UnaryOperator<byte[]> damage) throws IOException {
        byte[] module = TinyModules.constant(99);
        compile(module, CompileCache.open(dir, IDENTITY));
        Path entry = entries().get(0);
        Files.write(entry, damage.apply(Files.readAllBytes(entry)));

        CompileCache afterDamage = CompileCache.open(dir, IDENTITY);
        assertThat(call(compile(module, afterDamage), "value")).isEqualTo(99);
        assertThat(afterDamage.stats()).isEqualTo(new CompileCache.Stats(0, 1, 1, 1, 0));

        CompileCache repaired = CompileCache.open(dir, IDENTITY);
        assertThat(call(compile(module, repaired), "value")).isEqualTo(99);
        assertThat(repaired.stats()).isEqualTo(new CompileCache.Stats(1, 0, 0, 0, 0));
    }

    @Test
    void aDamagedEntryIsReportedAsAWarningNamingTheFileAndTheModule() throws IOException {
        byte[] module = TinyModules.constant(11);
        compile(module, CompileCache.open(dir, IDENTITY));
        Path entry = entries().get(0);
        Files.write(entry, Arrays.copyOf(Files.readAllBytes(entry), 40));

        String stderr = capturingStandardError(() -> compile(module, CompileCache.open(dir, IDENTITY)));
        assertThat(stderr).contains("WARN").contains(entry.toString()).contains("test module")
                .contains("truncated").contains("compiling it again");
    }

    @Test
    void anEntryOfAnotherModuleUnderThisModulesNameIsNotUsed() throws IOException {
        CompileCache cache = CompileCache.open(dir, IDENTITY);
        byte[] one = TinyModules.constant(1);
        byte[] two = TinyModules.constant(2);
        compile(one, cache);
        Path oneEntry = cache.slot("m", CacheEntry.sha256Hex(one), CoreModuleCode.DEFAULT_MAX_CALL_DEPTH).file();
        Files.copy(oneEntry, cache.slot("m", CacheEntry.sha256Hex(two), CoreModuleCode.DEFAULT_MAX_CALL_DEPTH).file());

        CompileCache next = CompileCache.open(dir, IDENTITY);
        assertThat(call(compile(two, next), "value")).isEqualTo(2);
        assertThat(next.stats().rebuilt()).isEqualTo(1);
    }

    @Test
    void anIntactEntryTheCompilerCannotLoadIsCompiledAgainAndReplaced() throws IOException {
        byte[] module = TinyModules.constant(5);
        CompileCache cache = CompileCache.open(dir, IDENTITY);
        CompileCacheSlot slot = cache.slot("m", CacheEntry.sha256Hex(module), CoreModuleCode.DEFAULT_MAX_CALL_DEPTH);
        String key = "module sha-256 " + CacheEntry.sha256Hex(module) + "\ncall-depth-limit "
                + CoreModuleCode.DEFAULT_MAX_CALL_DEPTH + "\n" + IDENTITY;
        Files.write(slot.file(), CacheEntry.encode(key, "classes that are not classes".getBytes()));

        assertThat(call(compile(module, cache), "value")).isEqualTo(5);
        assertThat(cache.stats()).isEqualTo(new CompileCache.Stats(0, 1, 1, 1, 0));

        CompileCache repaired = CompileCache.open(dir, IDENTITY);
        assertThat(call(compile(module, repaired), "value")).isEqualTo(5);
        assertThat(repaired.stats().hits()).isEqualTo(1);
    }

    @Test
    void concurrentWritersLeaveOneWholeEntry() throws Exception {
        byte[] module = TinyModules.oversizedFunction(5_000);
        int writers = 4;
        CyclicBarrier start = new CyclicBarrier(writers);
        List<Callable<Long>> tasks = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            tasks.add(() -> {
                CompileCache own = CompileCache.open(dir, IDENTITY); // as if another process
                start.await();
                return call(compile(module, own), "plus-one");
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (Future<Long> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isEqualTo(5_000L * 1000 + 1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(entries()).hasSize(1);
        try (Stream<Path> all = Files.list(dir)) {
            assertThat(all).allMatch(p -> p.toString().endsWith(CompileCache.ENTRY_SUFFIX)); // no temp file left
        }
        CompileCache warm = CompileCache.open(dir, IDENTITY);
        assertThat(call(compile(module, warm), "plus-one")).isEqualTo(5_000L * 1000 + 1);
        assertThat(warm.stats().hits()).isEqualTo(1);
    }

    @Test
    void aDirectoryThatVanishedCostsACompileNotALoad() throws IOException {
        CompileCache cache = CompileCache.open(dir, IDENTITY);
        Files.delete(dir);
        assertThat(call(compile(TinyModules.constant(3), cache), "value")).isEqualTo(3);
        assertThat(cache.stats()).isEqualTo(new CompileCache.Stats(0, 1, 0, 0, 0));
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsAClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertThatThrownBy(() -> CompileCache.open(file.resolve("cache"), CompileCache.DEFAULT_MAX_BYTES))
                .isInstanceOf(WitboxException.class)
                .hasMessageContaining("cannot create the compile cache directory")
                .hasMessageContaining("a-file");
    }

    @Test
    void temporaryFilesLeftByADeadWriterAreRemovedOnceStale() throws IOException {
        Path stale = Files.writeString(dir.resolve("abc" + CompileCache.ENTRY_SUFFIX + ".123.tmp"), "half");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(3 * 3600)));
        Path fresh = Files.writeString(dir.resolve("def" + CompileCache.ENTRY_SUFFIX + ".456.tmp"), "in progress");

        CompileCache.open(dir, IDENTITY);
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists(); // another process may be writing it right now
    }

    @Test
    void theInterpreterNeverTouchesTheCache() throws IOException {
        CompileCache cache = CompileCache.open(dir, IDENTITY);
        CoreModuleCode code = CoreModuleCode.compile("m", TinyModules.constant(8), ExecutionMode.INTERPRETED, cache);
        assertThat(call(code, "value")).isEqualTo(8);
        assertThat(cache.stats()).isEqualTo(new CompileCache.Stats(0, 0, 0, 0, 0));
        assertThat(entries()).isEmpty();
    }

    /** slf4j-simple (the tests' SLF4J provider) writes to whatever System.err is at the time. */
    private static String capturingStandardError(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static CoreModuleCode compile(byte[] module, CompileCache cache) {
        return CoreModuleCode.compile("test module", module, ExecutionMode.COMPILED, cache);
    }

    private static long call(CoreModuleCode code, String export) {
        CoreFunc function = (CoreFunc) code.instantiate(List.of(), 1).export(export);
        return function.call(new long[0])[0];
    }

    private List<Path> entries() {
        return entriesIn(dir);
    }

    private static List<Path> entriesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(CompileCache.ENTRY_SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x10;
        return copy;
    }
}
