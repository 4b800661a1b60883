package dev.witbox.abi;

/** A resource type's destructor, called with the representation given to {@code resource.new}. */
@FunctionalInterface
public interface Destructor {
    void destroy(int rep);
}
