package dev.witbox.api.value;

/**
 * A resource a plugin instance owns or lends, seen from the host.
 *
 * <p>A handle is only meaningful on the instance that made it; passing it to another instance
 * is refused. Dropping an owned handle runs the resource's destructor in the guest.
 */
public interface ResourceHandle {

    /** The resource type's WIT name, e.g. {@code counter}. */
    String resourceName();

    /** Whether the handle was dropped (by the host, or by moving it into the guest). */
    boolean isDropped();
}
