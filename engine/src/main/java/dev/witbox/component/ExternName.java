package dev.witbox.component;

import java.util.Optional;

/**
 * The name of an import or export together with its attributes ({@code nameattributes}).
 *
 * @param name          the {@code externname}: a plain name ({@code greet}, {@code [method]r.m}) or an
 *                      interface name ({@code wasi:http/types@0.2.0})
 * @param implementsName 🏷️ {@code (implements "ns:pkg/iface")}, if present
 * @param versionSuffix 🔗 {@code (versionsuffix ".1")}, the part of the version stripped from a canonical
 *                      interface version, if present
 * @param externalId    🏷️ {@code (external-id "...")}, if present
 */
public record ExternName(String name, Optional<String> implementsName, Optional<String> versionSuffix,
                         Optional<String> externalId) {

    public static ExternName of(String name) {
        return new ExternName(name, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The parsed interface name, or empty for a plain name. */
    public Optional<InterfaceName> interfaceName() {
        return Optional.ofNullable(NameRules.parseInterfaceName(name));
    }

    public boolean isInterfaceName() {
        return name.indexOf(':') >= 0;
    }

    /** The full version, re-joining a canonical version with its version suffix (e.g. 0.2 + .6 = 0.2.6). */
    public Optional<String> fullVersion() {
        return interfaceName().flatMap(InterfaceName::version).map(v -> v + versionSuffix.orElse(""));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("\"").append(name).append('"');
        implementsName.ifPresent(i -> sb.append(" (implements \"").append(i).append("\")"));
        versionSuffix.ifPresent(v -> sb.append(" (versionsuffix \"").append(v).append("\")"));
        externalId.ifPresent(e -> sb.append(" (external-id \"").append(e).append("\")"));
        return sb.toString();
    }
}
