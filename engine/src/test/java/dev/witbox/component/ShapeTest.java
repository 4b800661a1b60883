package dev.witbox.component;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Element size, alignment and flat counts follow CanonicalABI.md (with 64-bit pointers for the size bound). */
class ShapeTest {

    @Test
    void recordPadsFieldsAndRoundsToItsAlignment() {
        Shape rec = Shape.EMPTY.plus(Shape.scalar(CoreValType.I32, 1)).plus(Shape.scalar(CoreValType.I32, 4)).plus(Shape.scalar(CoreValType.I32, 1)).closed();
        assertThat(rec.size()).isEqualTo(12);
        assertThat(rec.align()).isEqualTo(4);
        assertThat(rec.flat()).isEqualTo(3);
    }

    @Test
    void variantDiscriminantGrowsWithCaseCount() {
        assertThat(Shape.EMPTY.asVariantPayload(256).size()).isEqualTo(1);
        assertThat(Shape.EMPTY.asVariantPayload(257).size()).isEqualTo(2);
        assertThat(Shape.EMPTY.asVariantPayload(65537).size()).isEqualTo(4);
        Shape optionU64 = Shape.scalar(CoreValType.I64, 8).asVariantPayload(2);
        assertThat(optionU64.size()).isEqualTo(16);
        assertThat(optionU64.align()).isEqualTo(8);
        assertThat(optionU64.flat()).isEqualTo(2);
    }

    @Test
    void listsAndStringsArePointerPairs() {
        Shape list = Shape.scalar(CoreValType.I32, 1).asListElement();
        assertThat(list.pointers()).isTrue();
        assertThat(list.flat()).isEqualTo(2);
        assertThat(list.size()).isEqualTo(16);
        assertThat(Shape.POINTER_PAIR.size()).isEqualTo(16);
    }

    @Test
    void variantsJoinTheirPayloadsPositionally() {
        // variant { a(f32), b(u64), c(string) } flattens to [i32 discriminant, i64, i32]
        Shape v = Shape.scalar(CoreValType.F32, 4).joinCase(Shape.scalar(CoreValType.I64, 8))
                .joinCase(Shape.POINTER_PAIR).asVariantPayload(3);
        assertThat(v.flatTypes()).containsExactly(CoreValType.I32, CoreValType.I64, CoreValType.I32);
        // option<f32> stays [i32, f32]; result<u32, f32> joins to [i32, i32]
        assertThat(Shape.scalar(CoreValType.F32, 4).asVariantPayload(2).flatTypes())
                .containsExactly(CoreValType.I32, CoreValType.F32);
        assertThat(Shape.scalar(CoreValType.I32, 4).joinCase(Shape.scalar(CoreValType.F32, 4)).asVariantPayload(2)
                .flatTypes()).containsExactly(CoreValType.I32, CoreValType.I32);
    }

    @Test
    void repetitionSaturatesInsteadOfOverflowing() {
        Shape huge = Shape.scalar(CoreValType.I64, 8).repeated(Long.MAX_VALUE);
        assertThat(huge.size()).isEqualTo(Shape.SATURATED);
        assertThat(huge.repeated(Long.MAX_VALUE).size()).isEqualTo(Shape.SATURATED);
    }
}
