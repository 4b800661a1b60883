package dev.witbox.wave;

import java.util.List;

/** A script whose names, arguments and variables were checked against the functions it calls. */
public record BoundScript(List<Step> steps) {

    public BoundScript {
        steps = List.copyOf(steps);
    }
}
