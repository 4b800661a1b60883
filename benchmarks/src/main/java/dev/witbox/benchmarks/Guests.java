package dev.witbox.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The guest plugins of {@code tests/guests/out/}, packaged into the benchmarks jar. */
final class Guests {

    private Guests() {}

    static byte[] bytes(String fileName) {
        try (InputStream in = Guests.class.getResourceAsStream("/guests/" + fileName)) {
            if (in == null) {
                throw new IllegalStateException("guest " + fileName + " is not in the benchmarks jar; run tests/guests/build.sh");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
