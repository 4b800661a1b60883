package com.example.app;

import com.example.greeter.Casing;
import com.example.greeter.Names;
import java.util.Optional;

/** Calls the plugin's {@code names} export through the generated interface, with the generated types. */
public final class Welcome {

    private final Names names;

    public Welcome(Names names) {
        this.names = names;
    }

    public String welcome(String name) {
        return names.greet(new Names.Person(name, Optional.of("Dr.")), Casing.Style.SHOUT);
    }
}
