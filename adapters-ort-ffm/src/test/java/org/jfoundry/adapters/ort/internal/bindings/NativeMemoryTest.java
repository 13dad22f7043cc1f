package org.jfoundry.adapters.ort.internal.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class NativeMemoryTest {

    @Test
    void aCStringIsReadOverExactlyItsLengthFromABarePointer() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocateFrom("naïve");
            MemorySegment bare = NativeMemory.at(text.address());

            assertThat(bare.byteSize()).isZero();
            assertThat(NativeMemory.string(bare)).isEqualTo("naïve");
            assertThat(NativeMemory.string(MemorySegment.NULL)).isEmpty();
        }
    }

    @Test
    void anArrayTheLibraryReportedSpansItsElementsAndNoMore() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ints = arena.allocateFrom(ValueLayout.JAVA_INT, 7, 8, 9);
            MemorySegment two = NativeMemory.elements(NativeMemory.at(ints.address()), ValueLayout.JAVA_INT, 2);

            assertThat(two.toArray(ValueLayout.JAVA_INT)).containsExactly(7, 8);
            assertThatThrownBy(() -> two.getAtIndex(ValueLayout.JAVA_INT, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void aScopedViewDiesWithItsArenaWhileTheUnscopedOneKeepsTheSize() {
        try (Arena owner = Arena.ofConfined()) {
            MemorySegment data = owner.allocate(16);
            MemorySegment unscoped = NativeMemory.unscoped(data);
            MemorySegment view;
            try (Arena loan = Arena.ofConfined()) {
                view = NativeMemory.scoped(unscoped, loan);
                view.set(ValueLayout.JAVA_LONG, 8, 42L);
            }
            assertThat(unscoped.byteSize()).isEqualTo(16);
            assertThat(data.get(ValueLayout.JAVA_LONG, 8)).isEqualTo(42L);
            assertThatThrownBy(() -> view.get(ValueLayout.JAVA_LONG, 0)).isInstanceOf(IllegalStateException.class);
        }
    }
}
