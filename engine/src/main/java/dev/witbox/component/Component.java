package dev.witbox.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A decoded, validated component: its sections in file order, its index spaces, and the optional name
 * section. Nested components are {@link Component}s too (see {@link Section.Components}).
 *
 * @param offset              absolute offset of this component's preamble in the decoded input
 * @param size                size in bytes including the preamble
 * @param unsupportedFeatures gated features this component (including nested components) uses; always
 *                            empty when decoded by the strict decoder
 */
public record Component(List<Section> sections, IndexSpaces indexSpaces, Optional<ComponentNames> names,
                        int offset, int size, List<UnsupportedFeature> unsupportedFeatures)
        implements WasmBinary, Definition {

    public Component {
        sections = List.copyOf(sections);
        unsupportedFeatures = List.copyOf(unsupportedFeatures);
    }

    public List<Import> imports() {
        List<Import> out = new ArrayList<>();
        for (Section s : sections) {
            if (s instanceof Section.Imports i) {
                out.addAll(i.imports());
            }
        }
        return out;
    }

    public List<Export> exports() {
        List<Export> out = new ArrayList<>();
        for (Section s : sections) {
            if (s instanceof Section.Exports e) {
                out.addAll(e.exports());
            }
        }
        return out;
    }

    public List<CoreModule> coreModules() {
        List<CoreModule> out = new ArrayList<>();
        for (Section s : sections) {
            if (s instanceof Section.CoreModules m) {
                out.add(m.module());
            }
        }
        return out;
    }

    public List<Component> nestedComponents() {
        List<Component> out = new ArrayList<>();
        for (Section s : sections) {
            if (s instanceof Section.Components c) {
                out.add(c.component());
            }
        }
        return out;
    }

    public List<Section.Custom> customSections() {
        List<Section.Custom> out = new ArrayList<>();
        for (Section s : sections) {
            if (s instanceof Section.Custom c) {
                out.add(c);
            }
        }
        return out;
    }

    /** The first custom section with this name, e.g. "producers" or "component-type:...". */
    public Optional<Section.Custom> customSection(String name) {
        return customSections().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** A multi-line description of sections and index spaces, for {@code witbox inspect --verbose}. */
    public String dump() {
        return ComponentDump.dump(this);
    }

    @Override
    public String toString() {
        return "Component[" + sections.size() + " sections, " + size + " bytes at offset " + offset + ", "
                + indexSpaces + "]";
    }
}
