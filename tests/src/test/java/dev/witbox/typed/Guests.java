package dev.witbox.typed;

import dev.witbox.runtime.Plugin;
import dev.witbox.runtime.WitboxEngine;
import java.nio.file.Path;

/** The built guest plugins of {@code tests/guests/out/}. */
final class Guests {

    private static final WitboxEngine ENGINE = WitboxEngine.create();

    private Guests() {}

    static Plugin load(String fileName) {
        return ENGINE.load(Path.of("guests/out", fileName));
    }
}
