package dev.witbox.abi;

/**
 * A resource type. Two handles have the same resource type only if they refer to the same
 * {@code ResourceType} object: like the component model's resource types, these are generative
 * and compare by identity, never by name.
 */
public final class ResourceType {

    private final String name;

    public ResourceType(String name) {
        this.name = name;
    }

    /** The resource's WIT name, for messages and printing; not its identity. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "resource " + name;
    }
}
