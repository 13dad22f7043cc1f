package org.jfoundry.adapters.ort.runtime;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** A shared arena that refuses every allocation after the first {@code allowed}, and tells whether it was closed. */
final class RefusingArena implements Arena {
    private final Arena arena = Arena.ofShared();
    private int allowed;
    private boolean closed;

    RefusingArena(int allowed) {
        this.allowed = allowed;
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        if (allowed-- <= 0) {
            throw new OutOfMemoryError("allocation refused by the test");
        }
        return arena.allocate(byteSize, byteAlignment);
    }

    @Override
    public MemorySegment.Scope scope() {
        return arena.scope();
    }

    @Override
    public void close() {
        closed = true;
        arena.close();
    }

    boolean closed() {
        return closed;
    }
}
