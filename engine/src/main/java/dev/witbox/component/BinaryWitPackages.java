package dev.witbox.component;

import dev.witbox.wit.BinaryWitReader;

/** Reads binary WIT packages for the WIT front end: decode the component, derive its package's text. */
public final class BinaryWitPackages implements BinaryWitReader {

    @Override
    public String witText(byte[] bytes) {
        try {
            return ComponentWorld.packageText(ComponentDecoder.permissive().decodeComponent(bytes));
        } catch (ComponentDecodeException | ComponentWorldException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
