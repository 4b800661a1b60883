package dev.witbox.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code names.wat}: interface names, name attributes and resource-annotated function names. */
class NamesFixtureTest {

    static Component c;

    @BeforeAll
    static void decode() {
        c = Fixtures.strict("names.wasm");
    }

    @Test
    void interfaceNamesWithVersions() {
        Import http = c.imports().get(0);
        assertThat(http.name().name()).isEqualTo("wasi:http/types@0.2.6");
        assertThat(http.name().isInterfaceName()).isTrue();
        assertThat(http.name().interfaceName()).contains(new InterfaceName("wasi", "http", "types", Optional.of("0.2.6")));
        assertThat(http.name().interfaceName().orElseThrow().packageId()).isEqualTo("wasi:http");
    }

    @Test
    void versionSuffixRejoinsTheCanonicalVersion() {
        ExternName poll = c.imports().get(1).name();
        assertThat(poll.name()).isEqualTo("wasi:io/poll@0.2");
        assertThat(poll.versionSuffix()).contains(".6");
        assertThat(poll.fullVersion()).contains("0.2.6");
    }

    @Test
    void implementsAndExternalIdAttributes() {
        assertThat(c.imports().get(2).name()).isEqualTo(new ExternName("primary",
                Optional.of("wasi:keyvalue/store@0.2.0"), Optional.empty(), Optional.empty()));
        assertThat(c.imports().get(3).name()).isEqualTo(new ExternName("secondary",
                Optional.of("wasi:keyvalue/store@0.2.0"), Optional.empty(), Optional.of("db:region-a")));
        assertThat(c.imports().get(4).name().externalId()).contains("https://esm.unpkg.com/slugify@1.6.6");
        assertThat(c.imports().get(4).name().isInterfaceName()).isFalse();
        assertThat(c.imports().get(4).name().interfaceName()).isEmpty();
    }

    @Test
    void resourceAnnotatedNamesAndAcronyms() {
        assertThat(c.imports()).extracting(i -> i.name().name()).containsExactly(
                "wasi:http/types@0.2.6", "wasi:io/poll@0.2", "primary", "secondary", "slugify", "counter",
                "[constructor]counter", "[method]counter.next", "[static]counter.zero", "get-JSON");
    }

    @Test
    void exportsKeepTheirAttributes() {
        List<Export> e = c.exports();
        assertThat(e.get(1).name().implementsName()).contains("wasi:keyvalue/store@0.2.0");
        assertThat(e.get(2).name().versionSuffix()).contains(".6");
        assertThat(e.get(2).name().toString()).isEqualTo("\"wasi:io/poll@0.2\" (versionsuffix \".6\")");
    }
}
