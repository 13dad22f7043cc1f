package org.jfoundry.adapters.ort.constraint;

import java.util.Arrays;

/**
 * A set of stacks: every way the output so far can still continue (more than one where anyOf options or enum values
 * share a beginning). Interned by {@link SchemaAutomaton}, so each state computes its transitions and its mask of
 * allowed tokens once.
 */
final class AutomatonState {

    final Stack[] stacks;
    private final int hash;
    /** The output so far is a whole value (it may still go on, like a number). */
    final boolean accepting;
    /** A whole value that nothing may follow. */
    final boolean finished;
    /** Transitions by byte, filled as they are first taken; a race computes the same state twice, harmlessly. */
    private final AutomatonState[] next = new AutomatonState[256];

    AutomatonState(Stack[] stacks) {
        this.stacks = stacks;
        this.hash = Arrays.stream(stacks).mapToInt(Stack::hashCode).sum();
        boolean canEnd = false;
        boolean allDone = stacks.length > 0;
        for (Stack stack : stacks) {
            canEnd |= stack.canEnd();
            allDone &= stack == Stack.EMPTY;
        }
        this.accepting = canEnd;
        this.finished = allDone;
    }

    boolean isDead() {
        return stacks.length == 0;
    }

    AutomatonState cachedNext(int b) {
        return next[b];
    }

    void cacheNext(int b, AutomatonState state) {
        next[b] = state;
    }

    /** Same stacks in any order. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof AutomatonState that) || hash != that.hash || stacks.length != that.stacks.length) {
            return false;
        }
        return stacks.length == 1 ? stacks[0].equals(that.stacks[0])
                : java.util.Set.of(stacks).equals(java.util.Set.of(that.stacks));
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
