package dev.witbox.component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the committed binary fixtures from {@code src/test/resources/components}. */
final class Fixtures {

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/components/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Component permissive(String name) {
        return ComponentDecoder.permissive().decodeComponent(bytes(name));
    }

    static Component strict(String name) {
        return ComponentDecoder.strict().decodeComponent(bytes(name));
    }
}
