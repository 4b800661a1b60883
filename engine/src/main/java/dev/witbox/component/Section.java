package dev.witbox.component;

import java.util.List;

/**
 * One section of a component binary, in file order. {@code offset} is the absolute offset of the section
 * id byte and {@code size} the size of its contents.
 */
public sealed interface Section {

    int id();

    int offset();

    int size();

    /** Text name used in dumps and error messages, e.g. "core instance section". */
    default String title() {
        return titleOf(id());
    }

    static String titleOf(int id) {
        return switch (id) {
            case 0 -> "custom section";
            case 1 -> "core module section";
            case 2 -> "core instance section";
            case 3 -> "core type section";
            case 4 -> "component section";
            case 5 -> "instance section";
            case 6 -> "alias section";
            case 7 -> "component type section";
            case 8 -> "canon section";
            case 9 -> "start section";
            case 10 -> "import section";
            case 11 -> "export section";
            case 12 -> "value section";
            default -> "section " + id;
        };
    }

    record Custom(String name, byte[] data, int offset, int size) implements Section {
        public Custom {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        public int id() {
            return 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Custom c && c.name.equals(name) && c.offset == offset
                    && java.util.Arrays.equals(c.data, data);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + offset;
        }

        @Override
        public String toString() {
            return "Custom[" + name + ", " + data.length + " bytes at offset " + offset + "]";
        }
    }

    record CoreModules(CoreModule module, int offset, int size) implements Section {
        public int id() {
            return 1;
        }
    }

    record CoreInstances(List<CoreInstance> instances, int offset, int size) implements Section {
        public CoreInstances {
            instances = List.copyOf(instances);
        }

        public int id() {
            return 2;
        }
    }

    record CoreTypes(List<CoreType> types, int offset, int size) implements Section {
        public CoreTypes {
            types = List.copyOf(types);
        }

        public int id() {
            return 3;
        }
    }

    record Components(Component component, int offset, int size) implements Section {
        public int id() {
            return 4;
        }
    }

    record Instances(List<Instance> instances, int offset, int size) implements Section {
        public Instances {
            instances = List.copyOf(instances);
        }

        public int id() {
            return 5;
        }
    }

    record Aliases(List<Alias> aliases, int offset, int size) implements Section {
        public Aliases {
            aliases = List.copyOf(aliases);
        }

        public int id() {
            return 6;
        }
    }

    record Types(List<TypeDef> types, int offset, int size) implements Section {
        public Types {
            types = List.copyOf(types);
        }

        public int id() {
            return 7;
        }
    }

    record Canons(List<Canon> canons, int offset, int size) implements Section {
        public Canons {
            canons = List.copyOf(canons);
        }

        public int id() {
            return 8;
        }
    }

    record StartSection(Start start, int offset, int size) implements Section {
        public int id() {
            return 9;
        }
    }

    record Imports(List<Import> imports, int offset, int size) implements Section {
        public Imports {
            imports = List.copyOf(imports);
        }

        public int id() {
            return 10;
        }
    }

    record Exports(List<Export> exports, int offset, int size) implements Section {
        public Exports {
            exports = List.copyOf(exports);
        }

        public int id() {
            return 11;
        }
    }

    record Values(List<Value> values, int offset, int size) implements Section {
        public Values {
            values = List.copyOf(values);
        }

        public int id() {
            return 12;
        }
    }
}
