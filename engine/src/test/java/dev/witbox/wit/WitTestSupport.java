package dev.witbox.wit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

final class WitTestSupport {

    private WitTestSupport() {
    }

    static Resolve parse(String src) {
        return Wit.parse("test.wit", src, WitOptions.defaults());
    }

    static Resolve parse(String src, WitOptions o) {
        return Wit.parse("test.wit", src, o);
    }

    static WitException fail(String src) {
        return fail(src, WitOptions.defaults());
    }

    static WitException fail(String src, WitOptions o) {
        WitException e = catchThrowableOfType(WitException.class, () -> Wit.parse("test.wit", src, o));
        assertThat(e).as("expected a WitException for:\n" + src).isNotNull();
        assertThat(e.diagnostics()).isNotEmpty();
        return e;
    }

    /** Prints, re-parses and checks the model and the text are stable. */
    static Resolve roundTrip(Resolve r, WitOptions o) {
        String printed = WitPrinter.print(r);
        Resolve again;
        try {
            again = Wit.parse("printed.wit", printed, o);
        } catch (WitException e) {
            throw new AssertionError("printed WIT does not parse:\n" + printed + "\n" + e.getMessage(), e);
        }
        assertThat(again).as("model after print/parse of:\n" + printed).isEqualTo(r);
        assertThat(WitPrinter.print(again)).isEqualTo(printed);
        return again;
    }

    static Resolve roundTrip(String src) {
        return roundTrip(parse(src), WitOptions.defaults());
    }
}
