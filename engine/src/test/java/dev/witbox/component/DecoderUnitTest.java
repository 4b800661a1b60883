package dev.witbox.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hand-assembled binaries: preamble handling, LEB and size limits, nesting, and Binary.md-only encodings. */
class DecoderUnitTest {

    private static final ComponentDecoder STRICT = ComponentDecoder.strict();
    private static final ComponentDecoder PERMISSIVE = ComponentDecoder.permissive();

    private static void rejects(byte[] bytes, String message) {
        assertThatThrownBy(() -> PERMISSIVE.decode(bytes)).isInstanceOf(ComponentDecodeException.class)
                .hasMessage(message);
    }

    private static void rejectsContaining(byte[] bytes, String fragment) {
        assertThatThrownBy(() -> PERMISSIVE.decode(bytes)).isInstanceOf(ComponentDecodeException.class)
                .hasMessageContaining(fragment);
    }

    // ------------------------------------------------------------------ preamble

    @Test
    void emptyInput() {
        rejects(new byte[0], "preamble at offset 0x0 (0): expected an 8-byte preamble (magic, version, layer) but the input has only 0 bytes");
    }

    @Test
    void wrongMagic() {
        rejects(Bin.of(0x00, 0x61, 0x73, 0x6e, 0x0d, 0, 1, 0).build(),
                "preamble at offset 0x0 (0): expected magic 00 61 73 6d but found 00 61 73 6e");
    }

    @Test
    void coreModuleIsRecognisedAsSuch() {
        byte[] module = Bin.of(0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0).build();
        assertThat(STRICT.decode(module)).isEqualTo(new CoreModuleBinary(module));
        assertThatThrownBy(() -> STRICT.decodeComponent(module)).isInstanceOf(ComponentDecodeException.class)
                .hasMessageContaining("this is a core module (layer 0), not a component (layer 1)");
    }

    @Test
    void unknownLayerAndVersion() {
        rejects(Bin.of(0x00, 0x61, 0x73, 0x6d, 0x0d, 0, 2, 0).build(),
                "preamble at offset 0x6 (6): unknown layer 2, expected 0 (core module) or 1 (component)");
        rejects(Bin.of(0x00, 0x61, 0x73, 0x6d, 0x0c, 0, 1, 0).build(),
                "preamble at offset 0x4 (4): unsupported component binary version 0xc, expected 0x0d");
    }

    @Test
    void emptyComponentFromByteArrayAndByteBuffer() {
        byte[] bytes = Bin.component(new Bin());
        Component c = STRICT.decodeComponent(bytes);
        assertThat(c.sections()).isEmpty();
        assertThat(c.size()).isEqualTo(8);
        ByteBuffer buf = ByteBuffer.allocate(20);
        buf.put(new byte[] {9, 9, 9});
        buf.put(bytes);
        buf.flip();
        buf.position(3);
        assertThat(STRICT.decodeComponent(buf).sections()).isEmpty();
        assertThat(buf.position()).isEqualTo(3);
    }

    // ------------------------------------------------------------------ sections and LEBs

    @Test
    void unknownSectionId() {
        rejects(Bin.component(Bin.of(13, 0)), "section header at offset 0x8 (8): unknown section id 13");
    }

    @Test
    void sectionSizeBeyondTheInput() {
        rejects(Bin.component(Bin.of(7, 50, 0)),
                "component type section at offset 0xa (10): component type section of 50 bytes exceeds the 1 bytes remaining");
    }

    @Test
    void sectionSizeLargerThanItsContents() {
        // type section claims 3 bytes: vec(1) of u32, then one stray byte
        rejects(Bin.component(Bin.of(7, 3, 1, 0x79, 0x00)),
                "component type section at offset 0xc (12): section size mismatch: 1 bytes left unread at the end of the section");
    }

    @Test
    void sectionSizeSmallerThanItsContents() {
        rejects(Bin.component(Bin.of(7, 1, 1, 0x79)),
                "component type section at offset 0xa (10): type count 1 exceeds the 0 bytes remaining");
        rejects(Bin.component(Bin.of(7, 2, 1, 0x72, 0x79)),
                "component type section at offset 0xc (12): unexpected end of input inside a LEB128 u32");
    }

    @Test
    void overlongAndOutOfRangeLebs() {
        rejects(Bin.component(Bin.of(7, 0xff, 0xff, 0xff, 0xff, 0x7f)),
                "component type section at offset 0x9 (9): LEB128 u32 out of range (too many bits in 5th byte 0x7f)");
        rejects(Bin.component(Bin.of(7, 0x80, 0x80)),
                "component type section at offset 0x9 (9): unexpected end of input inside a LEB128 u32");
        // a valid 5-byte LEB for a size that does not fit the input
        rejectsContaining(Bin.component(Bin.of(7, 0xff, 0xff, 0xff, 0xff, 0x0f)),
                "component type section of 4294967295 bytes exceeds the 0 bytes remaining");
    }

    @Test
    void hugeVectorCountIsRejectedBeforeAllocating() {
        byte[] bytes = Bin.component(new Bin().section(7, Bin.of(0xff, 0xff, 0xff, 0xff, 0x0f)));
        rejects(bytes, "component type section at offset 0xa (10): type count 4294967295 exceeds the 0 bytes remaining");
    }

    @Test
    void malformedUtf8Name() {
        byte[] bytes = Bin.component(new Bin()
                .section(7, Bin.of(1, 0x40, 0x00, 0x01, 0x00))
                .section(10, Bin.of(1, 0x00, 2, 0xc3, 0x28, 0x01, 0x00)));
        rejects(bytes, "import section at offset 0x13 (19): import name is not valid UTF-8");
    }

    // ------------------------------------------------------------------ nesting limits

    @Test
    void deeplyNestedInstanceTypesFailCleanly() {
        int depth = 5000;
        Bin t = Bin.of(1);
        for (int i = 0; i < depth; i++) {
            t.b(0x42, 1, 0x01);
        }
        t.b(0x42, 0);
        byte[] bytes = Bin.component(new Bin().section(7, t));
        assertThatThrownBy(() -> PERMISSIVE.decode(bytes)).isInstanceOf(ComponentDecodeException.class)
                .hasMessageContaining("nesting deeper than 100 components/types");
    }

    @Test
    void deeplyNestedComponentsFailCleanly() {
        byte[] inner = Bin.component(new Bin());
        for (int i = 0; i < 300; i++) {
            inner = Bin.component(new Bin().section(4, new Bin().bytes(inner)));
        }
        byte[] bytes = inner;
        assertThatThrownBy(() -> PERMISSIVE.decode(bytes)).isInstanceOf(ComponentDecodeException.class)
                .hasMessageContaining("nesting deeper than 100 components/types");
    }

    @Test
    void moderatelyNestedComponentsDecode() {
        byte[] inner = Bin.component(new Bin());
        for (int i = 0; i < 50; i++) {
            inner = Bin.component(new Bin().section(4, new Bin().bytes(inner)));
        }
        Component c = STRICT.decodeComponent(inner);
        int levels = 0;
        while (!c.nestedComponents().isEmpty()) {
            c = c.nestedComponents().get(0);
            levels++;
        }
        assertThat(levels).isEqualTo(50);
    }

    @Test
    void longTypeChainsNeedNoRecursion() {
        // (type u32) (type (option 0)) (type (option 1)) ... : shapes are computed incrementally
        Bin t = Bin.of().u32(20001).b(0x79);
        for (int i = 0; i < 20000; i++) {
            t.b(0x6b).s33(i);
        }
        Component c = STRICT.decodeComponent(Bin.component(new Bin().section(7, t)));
        assertThat(c.indexSpaces().types()).hasSize(20001);
    }

    // ------------------------------------------------------------------ encodings only Binary.md has

    @Test
    void sharedEverythingThreadBuiltinsWithTheirSharedImmediate() {
        byte[] module = Bin.of(0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
                0x04, 0x04, 0x01, 0x70, 0x00, 0x01, // table section: one funcref table, min 1
                0x07, 0x07, 0x01, 0x03, 't', 'b', 'l', 0x01, 0x00).build();
        byte[] bytes = Bin.component(new Bin()
                .section(1, new Bin().bytes(module))
                .section(2, Bin.of(1, 0x00, 0x00, 0x00))                    // instantiate module 0
                .section(6, Bin.of(1, 0x00, 0x01, 0x01, 0x00).name("tbl"))  // alias core export table
                .section(3, Bin.of(1, 0x60, 1, 0x7f, 0))                     // core type (func (param i32))
                .section(8, Bin.of(3, 0x40, 0x01, 0x00, 0x41, 0x00, 0x00, 0x00, 0x42, 0x01)));
        Component c = PERMISSIVE.decodeComponent(bytes);
        assertThat(c.indexSpaces().coreFuncs()).containsExactly(
                new Canon.Thread("thread.spawn-ref", true, 0, Optional.empty()),
                new Canon.Thread("thread.spawn-indirect", false, 0, Optional.of(0)),
                new Canon.Flagged("thread.available-parallelism", true));
        assertThat(c.unsupportedFeatures()).extracting(UnsupportedFeature::feature).containsExactly(
                "canon thread.spawn-ref (🧵②)", "canon thread.spawn-indirect (🧵②)",
                "canon thread.available-parallelism (🧵②)");
    }

    @Test
    void valueSectionAndValueImportWithBound() {
        byte[] bytes = Bin.component(new Bin()
                .section(12, Bin.of(1, 0x79, 1, 0x2a))
                .section(10, Bin.of(2).b(0x00).name("v").b(0x02, 0x01, 0x73).b(0x00).name("w").b(0x02, 0x00, 0x00)));
        Component c = PERMISSIVE.decodeComponent(bytes);
        Section.Values values = (Section.Values) c.sections().get(0);
        assertThat(values.values()).hasSize(1);
        assertThat(values.values().get(0).type()).isEqualTo(PrimitiveType.U32);
        assertThat(values.values().get(0).bytes()).containsExactly(0x2a);
        assertThat(values.values().get(0).offset()).isEqualTo(13);
        assertThat(c.imports()).containsExactly(
                new Import(ExternName.of("v"), new ExternType.Value(new ExternType.ValueOfType(PrimitiveType.STRING))),
                new Import(ExternName.of("w"), new ExternType.Value(new ExternType.ValueEq(0))));
        assertThat(c.indexSpaces().values()).hasSize(3);
        assertThat(c.unsupportedFeatures()).extracting(UnsupportedFeature::feature).containsExactly(
                "value definition (🪙)", "value import/export (🪙)", "value import/export (🪙)");
        assertThatThrownBy(() -> STRICT.decode(bytes)).hasMessage(
                "value section at offset 0xb (11): unsupported feature: value definition (🪙)");
    }

    @Test
    void valueLengthBeyondSection() {
        rejects(Bin.component(new Bin().section(12, Bin.of(1, 0x79, 9, 0x2a))),
                "value section at offset 0xc (12): value length 9 exceeds the 1 bytes remaining");
    }

    // ------------------------------------------------------------------ assorted validation

    @Test
    void typeIndicesInValueTypesAreS33() {
        Bin t = Bin.of().u32(66);
        for (int i = 0; i < 65; i++) {
            t.b(0x79);
        }
        t.b(0x70).s33(64); // (list (type 64)) needs the two-byte form 0xc0 0x00
        Component c = STRICT.decodeComponent(Bin.component(new Bin().section(7, t)));
        assertThat(c.indexSpaces().get(Sort.TYPE, 65)).isEqualTo(new DefinedType.ListType(new ValType.TypeRef(64)));
        rejectsContaining(Bin.component(new Bin().section(7, Bin.of(1, 0x70, 0xc0, 0x40))),
                "negative s33 where a type index was expected");
    }

    @Test
    void gcCoreTypesAreNotDecoded() {
        rejects(Bin.component(new Bin().section(3, Bin.of(1, 0x4e, 0))),
                "core type section at offset 0xb (11): unsupported feature: GC core type (opcode 0x4e) is not decoded");
    }

    @Test
    void resourceRepresentationMustBeI32() {
        rejects(Bin.component(new Bin().section(7, Bin.of(1, 0x3f, 0x7e, 0x00))),
                "component type section at offset 0xc (12): resource representation must be i32, found i64");
    }

    @Test
    void unknownTypeOpcode() {
        rejects(Bin.component(new Bin().section(7, Bin.of(1, 0x5c))),
                "component type section at offset 0xb (11): unknown type opcode 0x5c"
                        + " (expected a defined value type, func, component, instance or resource type)");
    }

    @Test
    void memory64AndSharedLimitsInModuleTypesAreReported() {
        // (core type (module (import "a" "m" (memory i64 1)) (import "a" "s" (memory 1 1 shared))))
        Bin mt = Bin.of(1, 0x50, 2)
                .b(0x00).name("a").name("m").b(0x02, 0x04, 0x01)
                .b(0x00).name("a").name("s").b(0x02, 0x03, 0x01, 0x01);
        Component c = PERMISSIVE.decodeComponent(Bin.component(new Bin().section(3, mt)));
        assertThat(c.unsupportedFeatures()).extracting(UnsupportedFeature::feature)
                .containsExactly("64-bit memory (memory64)", "shared memory (threads)");
    }

    @Test
    void componentsCannotExportCoreFunctions() {
        byte[] bytes = Bin.component(new Bin()
                .section(7, Bin.of(1, 0x3f, 0x7f, 0x00))
                .section(8, Bin.of(1, 0x03, 0x00))
                .section(11, Bin.of(1, 0x00).name("f").b(0x00, 0x00, 0x00, 0x00)));
        rejectsContaining(bytes, "components can only export core modules, not a core func");
    }

    @Test
    void nestedComponentAndCoreModuleSectionsNeedTheirPreamble() {
        rejectsContaining(Bin.component(new Bin().section(4, Bin.of(0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0))),
                "nested component must have version 0d 00 and layer 01 00");
        rejectsContaining(Bin.component(new Bin().section(1, Bin.of(1, 2, 3, 4, 5, 6, 7, 8))),
                "core module section at offset 0xa (10): expected magic 00 61 73 6d but found 01 02 03 04");
        rejectsContaining(Bin.component(new Bin().section(1, Bin.of(1, 2))),
                "core module section must hold a core module (8-byte preamble), found 2 bytes");
    }

    @Test
    void malformedNameSectionIsIgnored() {
        byte[] bytes = Bin.component(new Bin().section(0, Bin.of().name("component-name").b(0x01, 0x7f, 0x00)));
        Component c = STRICT.decodeComponent(bytes);
        assertThat(c.names()).isEmpty();
        assertThat(c.customSections()).hasSize(1);
    }

    @Test
    void nestedInterfaceNamesAreReportedAsUnsupported() {
        byte[] bytes = Bin.component(new Bin()
                .section(7, Bin.of(1, 0x42, 0))
                .section(10, Bin.of(1, 0x00).name("a:b:c/d/e").b(0x05, 0x00)));
        Component c = PERMISSIVE.decodeComponent(bytes);
        assertThat(c.unsupportedFeatures()).extracting(UnsupportedFeature::feature)
                .containsExactly("nested namespace/package in interface name \"a:b:c/d/e\" (🪺)");
    }

    @Test
    void unknownNameAttributeAndDuplicates() {
        rejectsContaining(Bin.component(new Bin().section(7, Bin.of(1, 0x42, 0))
                        .section(10, Bin.of(1, 0x02).name("x").b(1, 0x09).b(0x05, 0x00))),
                "unknown name attribute 0x09");
        rejectsContaining(Bin.component(new Bin().section(7, Bin.of(1, 0x42, 0))
                        .section(10, Bin.of(1, 0x02).name("x").b(2, 0x02).name("a").b(0x02).name("b").b(0x05, 0x00))),
                "duplicate external-id attribute");
    }

    @Test
    void exceptionExposesItsParts() {
        ComponentDecodeException e = org.junit.jupiter.api.Assertions.assertThrows(ComponentDecodeException.class,
                () -> PERMISSIVE.decode(Bin.component(new Bin().section(7, Bin.of(1, 0x5c)))));
        assertThat(e.section()).isEqualTo("component type section");
        assertThat(e.offset()).isEqualTo(11);
        assertThat(e.problem()).startsWith("unknown type opcode 0x5c");
        assertThat(e).isInstanceOf(dev.witbox.api.WitboxException.class);
    }

    @Test
    void nullInput() {
        assertThatThrownBy(() -> STRICT.decode((byte[]) null)).isInstanceOf(ComponentDecodeException.class);
        assertThatThrownBy(() -> STRICT.decode((ByteBuffer) null)).isInstanceOf(ComponentDecodeException.class);
    }

    @Test
    void kebabCaseRules() {
        for (String ok : List.of("a", "a-b-c", "a1-2-3", "A", "A-B-C", "A1-2-3", "a11-w0rds", "A11-4CR0NYMS", "m1x3d-4CR0NYMS",
                "get-JSON")) {
            assertThat(NameRules.isLabel(ok)).as(ok).isTrue();
        }
        for (String bad : List.of("", "1-2-3", "a--b", "-a", "a-", "aB", "a_b", "é")) {
            assertThat(NameRules.isLabel(bad)).as(bad).isFalse();
        }
        assertThat(NameRules.canonical("[method]foo.foo")).isEqualTo("foo");
        assertThat(NameRules.canonical("[static]foo-BAR.FOO-bar")).isEqualTo("foo-bar");
        assertThat(NameRules.canonical("[method]foo.BAR")).isEqualTo("foo.bar");
        assertThat(NameRules.canonical("[constructor]FOO")).isEqualTo("[constructor]foo");
        assertThat(NameRules.externNameProblem("foo:bar/baz@1.2.3-rc.1+build")).isNull();
        assertThat(NameRules.externNameProblem("foo:bar/baz@01.2.3")).isNotNull();
    }
}
