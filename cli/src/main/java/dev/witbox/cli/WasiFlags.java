package dev.witbox.cli;

import dev.witbox.wasi.WasiPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The capability flags {@code witbox run} and {@code witbox call} share: they build the plugin's {@link WasiPolicy}. */
final class WasiFlags {

    @Option(names = "--dir", paramLabel = "HOST::GUEST[:ro]", description = "grant host directory HOST as GUEST"
            + " (read-write, or read-only with :ro); repeatable")
    List<String> dirs = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "grant an environment variable; repeatable")
    List<String> env = new ArrayList<>();

    @Option(names = "--inherit-env", paramLabel = "NAME", description = "grant the host's own value of NAME"
            + " (when set); repeatable")
    List<String> inheritEnv = new ArrayList<>();

    @Option(names = "--stdin", paramLabel = "FILE", description = "what the program reads on stdin (default: nothing)")
    Path stdin;

    /** The policy the flags grant, with {@code args} as the program's arguments and output onto the writers. */
    WasiPolicy policy(List<String> args, PrintWriter out, PrintWriter err) throws IOException {
        WasiPolicy.Builder policy = WasiPolicy.builder();
        policy.args(args);
        for (String d : dirs) {
            int sep = d.indexOf("::");
            if (sep <= 0 || sep + 2 >= d.length()) {
                throw new UsageException("--dir wants HOST::GUEST[:ro], not '" + d + "'");
            }
            String host = d.substring(0, sep);
            String guest = d.substring(sep + 2);
            WasiPolicy.Access access = WasiPolicy.Access.READ_WRITE;
            if (guest.endsWith(":ro")) {
                guest = guest.substring(0, guest.length() - 3);
                access = WasiPolicy.Access.READ_ONLY;
            }
            if (!Files.isDirectory(Path.of(host))) {
                throw new UsageException("--dir " + d + ": " + host + " is not a directory");
            }
            policy.preopen(Path.of(host), guest, access);
        }
        for (String e : env) {
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--env wants NAME=VALUE, not '" + e + "'");
            }
            policy.env(e.substring(0, eq), e.substring(eq + 1));
        }
        inheritEnv.forEach(policy::inheritEnv);
        if (stdin != null) {
            if (!Files.isRegularFile(stdin)) {
                throw new UsageException("--stdin " + stdin + ": no such file");
            }
            policy.stdin(Files.readAllBytes(stdin));
        }
        policy.stdout(WasiPolicy.Output.stream(new RunCommand.WriterStream(out)));
        policy.stderr(WasiPolicy.Output.stream(new RunCommand.WriterStream(err)));
        return policy.build();
    }
}
