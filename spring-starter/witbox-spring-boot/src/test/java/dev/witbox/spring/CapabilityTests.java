package dev.witbox.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.api.WasmPlugin;
import dev.witbox.spring.guests.probe.Probe;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * WASI capabilities granted through application properties, seen from inside a real guest (the wasi-probe C
 * program, which prints what it sees to its stdout, here the SLF4J logger witbox.plugin.probe.stdout): what
 * the configuration does not grant does not exist for the plugin.
 */
@ExtendWith(OutputCaptureExtension.class)
class CapabilityTests {

    private static final String PROBE = "witbox.plugins.instances.probe.";

    @TempDir
    Path tmp;

    static class Prober {
        final Probe probe;

        Prober(@WasmPlugin("probe") Probe probe) {
            this.probe = probe;
        }
    }

    private ApplicationContextRunner probe(String... properties) {
        return TestPlugins.runner()
                .withPropertyValues(PROBE + "source=classpath:/guests/wasi/wasi-probe.wasm", PROBE + "capabilities.stdout=log")
                .withPropertyValues(properties)
                .withBean(Prober.class);
    }

    @Test
    void aReadOnlyPreopenIsReadableAndNotWritable(CapturedOutput output) throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Files.writeString(data.resolve("inside.txt"), "inside");
        probe(PROBE + "capabilities.preopens[0].host=" + data, PROBE + "capabilities.preopens[0].guest=/ro",
                PROBE + "capabilities.preopens[0].mode=read-only").run(context -> {
                    context.getBean(Prober.class).probe.run("readonly");
                    assertThat(output).contains("read ro: 6 'inside'", "create in ro: denied", "write in ro: denied", "readonly done");
                });
        assertThat(data.resolve("new.txt")).doesNotExist();
        assertThat(Files.readString(data.resolve("inside.txt"))).isEqualTo("inside");
    }

    @Test
    void withoutThePreopenTheSameFileCannotBeRead(CapturedOutput output) throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Files.writeString(data.resolve("inside.txt"), "inside");
        probe().run(context -> {
            context.getBean(Prober.class).probe.run("readonly");
            assertThat(output).contains("read ro: -1 ''", "readonly done").doesNotContain("read ro: 6 'inside'");
        });
    }

    @Test
    void onlyTheListedEnvironmentIsVisible(CapturedOutput output) {
        assertThat(System.getenv("PATH")).as("the host has variables the plugin must not see").isNotNull();
        probe(PROBE + "capabilities.env.GREETING=hi there").run(context -> {
            assertThat(context.getBean(Prober.class).probe.run("env")).isZero();
            assertThat(output).contains("env GREETING=hi there", "envc=1").doesNotContain("env PATH=", "env HOME=");
        });
    }

    @Test
    void anUnconfiguredPluginSeesNoEnvironmentAtAll(CapturedOutput output) {
        probe().run(context -> {
            assertThat(context.getBean(Prober.class).probe.run("env")).isZero();
            assertThat(output).contains("envc=0");
        });
    }

    @Test
    void argumentsAreTheConfiguredOnes(CapturedOutput output) {
        probe(PROBE + "capabilities.args=probe,one,two words").run(context -> {
            context.getBean(Prober.class).probe.run("args");
            assertThat(output).contains("argc=3", "arg[0]=probe", "arg[1]=one", "arg[2]=two words");
        });
    }
}
