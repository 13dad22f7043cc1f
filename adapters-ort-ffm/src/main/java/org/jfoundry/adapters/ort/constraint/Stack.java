package org.jfoundry.adapters.ort.constraint;

import java.util.Objects;

/** What is still due, innermost first: an immutable list of frames, shared between the states that extend it. */
final class Stack {

    /** Nothing due: the value is complete. */
    static final Stack EMPTY = new Stack(null, null);

    final Frame top;
    final Stack rest;
    final int depth;
    private final int hash;

    private Stack(Frame top, Stack rest) {
        this.top = top;
        this.rest = rest;
        this.depth = rest == null ? 0 : rest.depth + 1;
        this.hash = top == null ? 0 : 31 * rest.hash + top.hashCode();
    }

    Stack push(Frame frame) {
        return new Stack(Objects.requireNonNull(frame), this);
    }

    /** The value may end here: nothing is due, or only the top frame, which can end without another byte. */
    boolean canEnd() {
        return this == EMPTY || rest == EMPTY && top.canEnd();
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Stack that) || hash != that.hash || depth != that.depth) {
            return false;
        }
        Stack a = this;
        Stack b = that;
        while (a != b) {
            if (!a.top.equals(b.top)) {
                return false;
            }
            a = a.rest;
            b = b.rest;
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
