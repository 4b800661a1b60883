package dev.witbox.component;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() {
        for (String f : new String[] {"sections.wasm", "types.wasm", "unsupported.wasm", "names.wasm", "values.wasm"}) {
            try {
                System.out.println(Fixtures.permissive(f).dump());
            } catch (ComponentDecodeException e) {
                System.out.println(f + ": " + e.getMessage());
            }
        }
    }
}
