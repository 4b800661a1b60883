package dev.witbox.wave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.witbox.abi.ValueType;
import dev.witbox.abi.WitTypes;
import dev.witbox.api.value.ResourceHandle;
import dev.witbox.api.value.WitValue;
import dev.witbox.wit.Resolve;
import dev.witbox.wit.Wit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScriptTest {

    static final String WIT = """
            package demo:res@0.1.0;

            interface api {
              resource counter {
                constructor(start: u32);
                increment: func(by: u32) -> u32;
                get: func() -> u32;
                make: static func(start: u32) -> counter;
              }
              peek: func(c: borrow<counter>) -> u32;
              peek-all: func(cs: list<borrow<counter>>, first: option<borrow<counter>>) -> u32;
              consume: func(c: counter) -> u32;
              get: func() -> u32;
              opts: func(a: u32, b: option<u32>, c: option<string>) -> string;
              nothing: func();
              streamed: func(x: stream<u8>);
            }

            interface other {
              get: func() -> u32;
            }

            world w {
              export api;
              export other;
              export add: func(a: u32, b: u32) -> u32;
            }
            """;

    static final FunctionLookup LOOKUP;

    static {
        Resolve resolve = Wit.parse("w.wit", WIT, null);
        LOOKUP = FunctionLookup.exportsOf(resolve.selectWorld("w"), new WitTypes());
    }

    static BoundScript bind(String text) {
        return Script.parse(text).bind(LOOKUP);
    }

    static Step.Call call(BoundScript script, int index) {
        return (Step.Call) script.steps().get(index);
    }

    @Nested
    class Statements {

        @Test
        void aWorldLevelCall() {
            BoundScript s = bind("add(1, 2)");
            assertThat(s.steps()).hasSize(1);
            assertThat(call(s, 0).variable()).isNull();
            assertThat(call(s, 0).function().qualifiedName()).isEqualTo("add");
            assertThat(call(s, 0).arguments()).containsExactly(new Step.Value(new WitValue.U32(1)),
                    new Step.Value(new WitValue.U32(2)));
        }

        @Test
        void resourceLifeCycleWithEveryFormOfName() {
            BoundScript s = bind("$c = demo:res/api@0.1.0#[constructor]counter(5); "
                    + "demo:res/api#[method]counter.increment($c, 3); api#[method]counter.get($c); "
                    + "[static]counter.make(1); peek($c); drop($c)");
            assertThat(s.steps()).hasSize(6);
            assertThat(call(s, 0).variable()).isEqualTo("c");
            assertThat(call(s, 0).function().qualifiedName()).isEqualTo("demo:res/api@0.1.0#[constructor]counter");
            assertThat(call(s, 1).function().name()).isEqualTo("[method]counter.increment");
            assertThat(call(s, 1).arguments()).containsExactly(new Step.Variable("c"), new Step.Value(new WitValue.U32(3)));
            assertThat(call(s, 2).function().name()).isEqualTo("[method]counter.get");
            assertThat(call(s, 3).function().name()).isEqualTo("[static]counter.make");
            assertThat(call(s, 4).function().qualifiedName()).isEqualTo("demo:res/api@0.1.0#peek");
            assertThat(s.steps().get(5)).isEqualTo(new Step.Drop("c"));
        }

        @Test
        void theExactQualifiedNameWinsOverShorterMatches() {
            assertThat(call(bind("demo:res/other@0.1.0#get()"), 0).function().interfaceName())
                    .isEqualTo("demo:res/other@0.1.0");
            assertThat(call(bind("other#get()"), 0).function().interfaceName()).isEqualTo("demo:res/other@0.1.0");
            assertThat(call(bind("demo:res/api#get()"), 0).function().interfaceName()).isEqualTo("demo:res/api@0.1.0");
        }

        @Test
        void trailingOptionsMayBeLeftOut() {
            assertThat(call(bind("opts(1)"), 0).arguments()).containsExactly(new Step.Value(new WitValue.U32(1)),
                    new Step.Value(WitValue.Option.NONE), new Step.Value(WitValue.Option.NONE));
            assertThat(call(bind("opts(1, 2)"), 0).arguments()).containsExactly(new Step.Value(new WitValue.U32(1)),
                    new Step.Value(new WitValue.Option(new WitValue.U32(2))), new Step.Value(WitValue.Option.NONE));
            assertThat(call(bind("opts(1, none, \"x\",)"), 0).arguments()).hasSize(3);
        }

        @Test
        void whitespaceCommentsAndATrailingSemicolon() {
            BoundScript s = bind("  $n = add( 1 ,2 ) ; // sum\n add($n, 3);\n");
            assertThat(s.steps()).hasSize(2);
            assertThat(call(s, 1).arguments().get(0)).isEqualTo(new Step.Variable("n"));
        }

        @Test
        void variablesFitInsideValuesWithTheSameChecksAsDirectArguments() {
            BoundScript s = bind("$a = [constructor]counter(1); $b = [constructor]counter(2); peek-all([$a, $b], $a)");
            Step.Argument list = call(s, 2).arguments().get(0);
            assertThat(list).isInstanceOf(Step.WithVariables.class);
            WitValue a = new WitValue.U32(10);
            WitValue b = new WitValue.U32(20);
            // read again with the values bound when the statement runs; $a stands for some($a) in an option
            assertThat(list.value(java.util.Map.of("a", a, "b", b))).isEqualTo(new WitValue.ListOf(List.of(a, b)));
            assertThat(call(s, 2).arguments().get(1).value(java.util.Map.of("a", a, "b", b)))
                    .isEqualTo(new WitValue.Option(a));
            assertThatThrownBy(() -> bind("$n = add(1, 2); peek-all([$n], none)"))
                    .isInstanceOf(WaveException.class)
                    .hasMessageContaining("$n holds a u32")
                    .hasMessageContaining("in parameter 'cs'");
            assertThatThrownBy(() -> bind("peek-all([$nobody], none)"))
                    .isInstanceOf(WaveException.class).hasMessageContaining("unknown variable $nobody");
            assertThatThrownBy(() -> Wave.parse("[$a]", new ValueType.ListOf(ValueType.Scalar.U32)))
                    .isInstanceOf(WaveException.class).hasMessageContaining("only in witbox call scripts");
        }

        @Test
        void ownedHandlesMayBeLentOrMovedAndDroppedTwice() {
            // dropping a dead handle is the component's trap to report, not a binding error
            assertThat(bind("$c = [constructor]counter(1); peek($c); consume($c); drop($c); drop($c)").steps())
                    .hasSize(5);
        }

        @Test
        void scriptsKnowTheirTextAndSize() {
            Script s = Script.parse("add(1, 2); add(3, 4)");
            assertThat(s.size()).isEqualTo(2);
            assertThat(s.text()).isEqualTo("add(1, 2); add(3, 4)");
        }
    }

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                arguments("", "expected a function name (like add, ns:pkg/iface#f or [method]counter.get) at column 1, found end of input"),
                arguments("add(1,", "expected a value at column 7, found end of input"),
                arguments("add 1", "expected '(' after the function name add at column 5, found 1"),
                arguments("add(1 2)", "expected ',' or ')' after an argument at column 7, found 2"),
                arguments("$c add()", "expected '=' after $c (a statement binds with $name = call(...)) at column 4, found add"),
                arguments("$1 = add(1, 2)", "expected a variable ($ and a name, like $c) at column 1, found $1"),
                arguments("drop($)", "expected $name of the resource to drop ($ and a name, like $c) at column 6, found $)"),
                arguments("drop($c", "expected ')' after drop($c at column 8, found end of input"),
                arguments("add(1) add(2)", "expected ';' between statements, or the end of the script at column 8, found add"),
                arguments("; add(1)", "expected a function name (like add, ns:pkg/iface#f or [method]counter.get) at column 1, found ;"),
                arguments("add(1);; add(2)", "expected a function name (like add, ns:pkg/iface#f or [method]counter.get) at column 8, found ;"),
                arguments("add(\"x)", "unterminated string at column 5"),
                arguments("add(1);\n$c = nope(", "expected a value at line 2, column 11, found end of input"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntaxErrors")
    void syntaxErrorsAreFoundWithoutTypes(String text, String message) {
        assertThatThrownBy(() -> Script.parse(text)).isInstanceOf(WaveException.class).hasMessage(message);
    }

    static Stream<Arguments> bindingErrors() {
        return Stream.of(
                arguments("sub(1, 2)", "unknown function 'sub'; available: add, demo:res/api@0.1.0#[constructor]counter, "
                        + "demo:res/api@0.1.0#[method]counter.get, demo:res/api@0.1.0#[method]counter.increment, "
                        + "demo:res/api@0.1.0#[static]counter.make, demo:res/api@0.1.0#consume, demo:res/api@0.1.0#get, "
                        + "demo:res/api@0.1.0#nothing, demo:res/api@0.1.0#opts, demo:res/api@0.1.0#peek, "
                        + "demo:res/api@0.1.0#peek-all, demo:res/api@0.1.0#streamed, demo:res/other@0.1.0#get at column 1"),
                arguments("add(1, 2); nope#get()", "unknown function 'nope#get'; available: add, "
                        + "demo:res/api@0.1.0#[constructor]counter, demo:res/api@0.1.0#[method]counter.get, "
                        + "demo:res/api@0.1.0#[method]counter.increment, demo:res/api@0.1.0#[static]counter.make, "
                        + "demo:res/api@0.1.0#consume, demo:res/api@0.1.0#get, demo:res/api@0.1.0#nothing, "
                        + "demo:res/api@0.1.0#opts, demo:res/api@0.1.0#peek, demo:res/api@0.1.0#peek-all, demo:res/api@0.1.0#streamed, "
                        + "demo:res/other@0.1.0#get at column 12"),
                arguments("get()", "ambiguous function name 'get': it matches demo:res/api@0.1.0#get, "
                        + "demo:res/other@0.1.0#get; write one of these at column 1"),
                arguments("add(1, 2, 3)", "too many arguments: add takes 2 arguments (a: u32, b: u32) at column 11"),
                arguments("add(1)", "missing argument 'b' (u32): add takes 2 arguments (a: u32, b: u32) at column 6"),
                arguments("opts()", "missing argument 'a' (u32): demo:res/api@0.1.0#opts takes 3 arguments "
                        + "(a: u32, b: option<u32>, c: option<string>) at column 6"),
                arguments("add(1, -2)", "expected a u32 (0 to 4294967295) at column 8, found -2"),
                arguments("opts(1, 2, 3)", "expected a string at column 12, found 3"),
                arguments("add($x, 1)", "unknown variable $x (no variable is bound before this point) at column 5"),
                arguments("$a = add(1, 2); add($b, 1)", "unknown variable $b (bound so far: $a) at column 21"),
                arguments("peek($c); $c = [constructor]counter(1)", "unknown variable $c (no variable is bound before this point) at column 6"),
                arguments("$c = [constructor]counter(1); add($c, 1)",
                        "$c holds an own<counter>, but parameter 'a' is a u32 (0 to 4294967295) at column 35"),
                arguments("$n = add(1, 2); peek($n)", "$n holds a u32 (0 to 4294967295), but parameter 'c' is a borrow<counter> at column 22"),
                arguments("$n = add(1, 2); drop($n)", "drop needs an owned resource handle, but $n holds a u32 (0 to 4294967295) at column 22"),
                arguments("$x = nothing()", "cannot bind $x: demo:res/api@0.1.0#nothing returns nothing at column 1"),
                arguments("peek(1)", "own<counter> has no WAVE form (in a script, pass a resource bound with '$name = ...') at column 6"
                        .replace("own<", "borrow<")),
                arguments("streamed([])", "cannot call 'demo:res/api@0.1.0#streamed': function 'streamed': parameter 'x': "
                        + "type 'stream<u8>' is not supported by witbox's canonical ABI at column 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bindingErrors")
    void bindingErrorsSayWhatIsWrongAndWhere(String text, String message) {
        Script script = Script.parse(text);
        assertThatThrownBy(() -> script.bind(LOOKUP)).isInstanceOf(WaveException.class).hasMessage(message);
    }

    @Nested
    class ResultLines {

        private final ResourceHandle handle = new ResourceHandle() {
            @Override
            public String resourceName() {
                return "counter";
            }

            @Override
            public boolean isDropped() {
                return false;
            }
        };

        @Test
        void oneItemPerStatementJoinedBySemicolons() {
            BoundScript s = bind("$c = [constructor]counter(5); [method]counter.increment($c, 3); nothing(); drop($c)");
            List<Outcome> outcomes = List.of(new Outcome.Returned(new WitValue.Handle(handle)),
                    new Outcome.Returned(new WitValue.U32(8)), new Outcome.Returned(null), new Outcome.Returned(null));
            assertThat(ResultLine.format(s, outcomes)).isEqualTo("$c; 8; (); ()");
        }

        @Test
        void aTrapEndsTheLine() {
            BoundScript s = bind("$c = [constructor]counter(5); consume($c); [method]counter.get($c)");
            List<Outcome> outcomes = List.of(new Outcome.Returned(new WitValue.Handle(handle)),
                    new Outcome.Returned(new WitValue.U32(5)), new Outcome.Trapped("unknown handle"));
            assertThat(ResultLine.format(s, outcomes)).isEqualTo("$c; 5; <trap>");
        }

        @Test
        void valuesAreWave() {
            BoundScript s = bind("opts(1, some(2), \"a\\nb\"); $n = add(1, 2)");
            assertThat(ResultLine.format(s, List.of(new Outcome.Returned(new WitValue.Str("x\"y")),
                    new Outcome.Returned(new WitValue.U32(3))))).isEqualTo("\"x\\\"y\"; 3");
        }

        @Test
        void anUnboundHandleIsWrittenAsTheReferenceHostWritesIt() {
            BoundScript s = bind("[static]counter.make(1)");
            assertThat(ResultLine.format(s, List.of(new Outcome.Returned(new WitValue.Handle(handle)))))
                    .isEqualTo("<resource counter>");
        }

        @Test
        void moreOutcomesThanStatementsIsABug() {
            BoundScript s = bind("add(1, 2)");
            assertThatThrownBy(() -> ResultLine.format(s, List.of(new Outcome.Returned(new WitValue.U32(3)),
                    new Outcome.Returned(null)))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void listsOfHandlesPrintTheirResourceNames() {
        ValueType counters = new ValueType.ListOf(new ValueType.OwnOf(new dev.witbox.abi.ResourceType("counter")));
        ResourceHandle h = new ResourceHandle() {
            @Override
            public String resourceName() {
                return "counter";
            }

            @Override
            public boolean isDropped() {
                return false;
            }
        };
        assertThat(Wave.print(new WitValue.ListOf(List.of(new WitValue.Handle(h))), counters))
                .isEqualTo("[<resource counter>]");
    }
}
