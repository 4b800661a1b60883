package dev.witbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.abi.ResourceType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link HostImports.Builder#onResourceDrop} hooks accumulate: each is told of every drop. */
class ResourceDropHooksTest {

    private final ResourceType file = new ResourceType("file");

    @Test
    void everyHookIsToldOfEveryDropInOrder() {
        List<String> told = new ArrayList<>();
        HostImports imports = HostImports.builder()
                .onResourceDrop((type, rep) -> told.add("wasi " + type.name() + " " + rep))
                .onResourceDrop((type, rep) -> told.add("app " + type.name() + " " + rep))
                .build();
        imports.dropHook().dropped(file, 3);
        imports.dropHook().dropped(file, 4);
        assertThat(told).containsExactly("wasi file 3", "app file 3", "wasi file 4", "app file 4");
    }

    @Test
    void aFailingHookDoesNotKeepTheOthersFromBeingToldAndItsFailureIsThrown() {
        List<String> told = new ArrayList<>();
        IllegalStateException failure = new IllegalStateException("first failed");
        HostImports imports = HostImports.builder()
                .onResourceDrop((type, rep) -> {
                    throw failure;
                })
                .onResourceDrop((type, rep) -> told.add("second " + rep))
                .build();
        assertThatThrownBy(() -> imports.dropHook().dropped(file, 1)).isSameAs(failure);
        assertThat(told).containsExactly("second 1");
    }

    @Test
    void noHookMeansNone() {
        assertThat(HostImports.builder().build().dropHook()).isNull();
    }
}
