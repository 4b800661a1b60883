package dev.witbox.wasi;

/** Thrown through the guest when it calls {@code wasi:cli/exit}: ends the call; the code is on the context. */
final class WasiExit extends RuntimeException {
    final int code;

    WasiExit(int code) {
        super("the guest exited with code " + code, null, false, false);
        this.code = code;
    }
}
