package com.example.app;

import com.example.greeter.Clock;

/** The host's side of the plugin's {@code clock} import: a plain Java class implementing the generated interface. */
public final class FixedClock implements Clock {

    private final long millis;

    public FixedClock(long millis) {
        this.millis = millis;
    }

    @Override
    public long nowMillis() {
        return millis;
    }
}
