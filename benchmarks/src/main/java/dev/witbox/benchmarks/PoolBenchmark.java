package dev.witbox.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.Isolation;
import dev.witbox.runtime.PluginInstance;
import dev.witbox.runtime.PluginPool;
import dev.witbox.runtime.PoolOptions;
import dev.witbox.runtime.PooledInstance;
import dev.witbox.runtime.WitboxEngine;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An instance from a {@code fresh} pool — give the lease back (the pool resets the instance to its
 * snapshot) and borrow it again — after the instance was used, against a bare Chicory instance of the same
 * core module, module already compiled. The pool holds one instance, so every lease resets the same one.
 *
 * <p>What the instance did before (untimed, in the invocation's setup) is {@link Leased#dirtied}: a
 * {@code greet} call of add-greet ("small"), or the touch guest writing 1 MB or 16 MB, or writing 1 MB
 * after growing its memory by 16 MB it never writes ("1MB-of-17MB": a reset that costs what was dirtied
 * costs the same as "1MB" there).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PoolBenchmark {

    private static final WitValue JAVA = new WitValue.Str("Java");

    /** A pool of one instance, lent out between invocations and dirtied before each. */
    @State(Scope.Thread)
    public static class Leased {
        @Param({"small", "1MB", "16MB", "1MB-of-17MB"})
        public String dirtied;

        private PluginPool pool;
        private PooledInstance lease;

        @Setup(Level.Trial)
        public void open() {
            String guest = dirtied.equals("small") ? "add-greet" : "touch";
            pool = WitboxEngine.create().load(guest, Guests.bytes(guest + ".wasm"))
                    .pool(PoolOptions.builder().isolation(Isolation.FRESH).minIdle(1).maxSize(1).build());
            lease = pool.acquire();
        }

        @Setup(Level.Invocation)
        public void dirty() {
            PluginInstance instance = lease.instance();
            switch (dirtied) {
                case "small" -> instance.call("greet", JAVA);
                case "1MB" -> instance.call("touch", new WitValue.U32(1));
                case "16MB" -> instance.call("touch", new WitValue.U32(16));
                case "1MB-of-17MB" -> {
                    instance.call("touch", new WitValue.U32(1));
                    instance.call("grow", new WitValue.U32(16));
                }
                default -> throw new IllegalArgumentException(dirtied);
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            lease.close();
            pool.close();
        }
    }

    /** The two core modules, compiled once, for the bare instances. */
    @State(Scope.Thread)
    public static class Bare {
        private WasmModule addGreet;
        private Function<Instance, Machine> addGreetMachine;
        private WasmModule touch;
        private Function<Instance, Machine> touchMachine;

        @Setup(Level.Trial)
        public void compile() {
            addGreet = Parser.parse(Guests.bytes("add-greet.core.wasm"));
            addGreetMachine = MachineFactoryCompiler.compile(addGreet);
            touch = Parser.parse(Guests.bytes("touch.core.wasm"));
            touchMachine = MachineFactoryCompiler.compile(touch);
        }
    }

    @Benchmark
    public PooledInstance fromPool(Leased leased) {
        leased.lease.close();
        leased.lease = leased.pool.acquire();
        return leased.lease;
    }

    @Benchmark
    public Instance bareAddGreet(Bare bare) {
        return Instance.builder(bare.addGreet).withMachineFactory(bare.addGreetMachine).build();
    }

    @Benchmark
    public Instance bareTouch(Bare bare) {
        return Instance.builder(bare.touch).withMachineFactory(bare.touchMachine).build();
    }
}
