package dev.witbox.wit;

import static dev.witbox.wit.WitTestSupport.fail;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class WitRobustnessTest {

    @TempDir
    Path tmp;

    @Test
    void emptyAndWhitespace() {
        fail("");
        fail("   \n\t  ");
        fail("// just a comment");
        fail("package");
        fail("package a");
        fail("package a:");
    }

    @Test
    void forbiddenCodePoints() {
        assertThat(fail("package a:b;\n// \u202e evil\ninterface i {}").getMessage()).contains("bidirectional");
        assertThat(fail("package a:b;\u0007 interface i {}").getMessage()).contains("control character");
        assertThat(fail("package a:b;\u0000").getMessage()).contains("control character");
        assertThat(fail("package a:b; interface i { x: func(); } \ud800").getMessage()).contains("surrogate");
        assertThat(fail("package a:b; interface \u0149 {}").getMessage()).contains("deprecated");
    }

    @Test
    void unterminatedThings() {
        assertThat(fail("package a:b; /* never closed").getMessage()).contains("unterminated block comment");
        assertThat(fail("package a:b; /* /* */").getMessage()).contains("unterminated block comment");
        assertThat(fail("package a:b; world w { @external-id(\"abc").getMessage()).contains("unterminated string");
        assertThat(fail("package a:b; interface i {").getMessage()).contains("end of file");
        assertThat(fail("package a:b; interface i { record r { a: list<u8").getMessage()).contains("end of file");
    }

    @Test
    void deeplyNestedTypesFailCleanly() {
        int n = 1_000_000;
        StringBuilder sb = new StringBuilder("package a:b; interface i { type t = ");
        sb.append("list<".repeat(n)).append("u8").append(">".repeat(n)).append("; }");
        assertThat(fail(sb.toString()).getMessage()).contains("nested too deeply");
        StringBuilder ok = new StringBuilder("package a:b; interface i { type t = ");
        ok.append("list<".repeat(90)).append("u8").append(">".repeat(90)).append("; }");
        WitTestSupport.roundTrip(ok.toString());
    }

    @Test
    void deeplyNestedCommentsAreLinear() {
        int n = 2_000_000;
        String src = "package a:b; " + "/*".repeat(n) + "*/".repeat(n) + " interface i {}";
        long t0 = System.nanoTime();
        WitTestSupport.parse(src);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(fail("package a:b; " + "/*".repeat(n) + "*/".repeat(n - 1)).getMessage()).contains("unterminated");
    }

    @Test
    void hugeIdentifiersAndLines() {
        String id = "a".repeat(2_000_000);
        WitException e = fail("package a:b; interface i { f: func(x: " + id + "); }");
        assertThat(e.getMessage()).contains("unknown type");
        assertThat(e.getMessage().length()).isLessThan(2000);
        String bad = "a".repeat(1_000_000) + "B";
        assertThat(fail("package a:b; interface " + bad + " {}").getMessage().length()).isLessThan(2000);
    }

    @Test
    void longChainsDoNotOverflowTheStack() {
        int n = 20_000;
        StringBuilder sb = new StringBuilder("package a:b;\n");
        sb.append("interface i0 { type t = u8; }\n");
        for (int i = 1; i < n; i++) {
            sb.append("interface i").append(i).append(" { use i").append(i - 1).append(".{t}; }\n");
        }
        sb.append("world w { import i").append(n - 1).append("; }\n");
        Resolve r = WitTestSupport.parse(sb.toString());
        assertThat(r.root().worldNamed("w").imports()).hasSize(n);
        StringBuilder types = new StringBuilder("package a:b; interface i {\n");
        for (int i = 1; i < n; i++) {
            types.append("type t").append(i).append(" = t").append(i - 1).append(";\n");
        }
        types.append("type t0 = u8; }");
        WitTestSupport.parse(types.toString());
        StringBuilder worlds = new StringBuilder("package a:b;\nworld w0 { import f: func(); }\n");
        for (int i = 1; i < 2000; i++) {
            worlds.append("world w").append(i).append(" { include w").append(i - 1).append("; }\n");
        }
        WitTestSupport.parse(worlds.toString());
    }

    @Test
    void randomGarbageOnlyThrowsWitException() {
        Random rnd = new Random(42);
        String alphabet = "package a:b;interface world{}()<>,.@%-_ /\n*\"\\ use import export func record list u8 x";
        for (int round = 0; round < 3000; round++) {
            StringBuilder sb = new StringBuilder();
            int len = rnd.nextInt(200);
            for (int i = 0; i < len; i++) {
                if (rnd.nextInt(10) == 0) {
                    sb.append((char) rnd.nextInt(0x3000));
                } else {
                    sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
            }
            try {
                Resolve r = Wit.parse("r.wit", sb.toString(), WitOptions.defaults());
                WitTestSupport.roundTrip(r, WitOptions.defaults());
            } catch (WitException expected) {
                assertThat(expected.diagnostics()).isNotEmpty();
            }
        }
    }

    @Test
    void invalidUtf8File() throws Exception {
        Path f = tmp.resolve("bad.wit");
        byte[] prefix = "package a:b;\ninterface i { ".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[prefix.length + 3];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        bytes[prefix.length] = (byte) 0xff;
        bytes[prefix.length + 1] = (byte) 0xfe;
        bytes[prefix.length + 2] = '}';
        Files.write(f, bytes);
        WitException e = org.assertj.core.api.Assertions.catchThrowableOfType(WitException.class,
                () -> Wit.load(f, WitOptions.defaults()));
        assertThat(e.diagnostics().get(0).message()).contains("invalid UTF-8");
        assertThat(e.diagnostics().get(0).line()).isEqualTo(2);
        Path bin = tmp.resolve("bin.wit");
        byte[] garbage = new byte[10_000];
        new Random(1).nextBytes(garbage);
        Files.write(bin, garbage);
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(WitException.class,
                () -> Wit.load(bin, WitOptions.defaults()))).isNotNull();
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(WitException.class,
                () -> Wit.load(tmp.resolve("missing.wit"), WitOptions.defaults()))).isNotNull();
    }

    @Test
    void caretRendering() {
        WitDiagnostic d = new WitDiagnostic("f.wit", 3, 5, "boom", "abc defg");
        assertThat(d.render()).isEqualTo("f.wit:3:5: error: boom\n  abc defg\n      ^");
        assertThat(new WitDiagnostic("f.wit", 0, 0, "no place", "").render()).isEqualTo("f.wit: error: no place");
    }
}
