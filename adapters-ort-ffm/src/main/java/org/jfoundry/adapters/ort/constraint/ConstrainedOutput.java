package org.jfoundry.adapters.ort.constraint;

import java.util.function.IntPredicate;

/**
 * One request's position in a {@link SchemaAutomaton}: which tokens may come next ({@link #test}) and the tokens
 * taken so far ({@link #accept}). A state's mask is computed when the sampler asks about many tokens there; the
 * first few questions (greedy's best token is usually allowed) are answered by walking the token's bytes through
 * cached transitions. Not thread safe: one sampler owns it.
 */
public final class ConstrainedOutput implements IntPredicate {

    /** Questions about one state answered by walking bytes before its mask is computed. */
    static final int WALKS_BEFORE_MASK = 8;

    private final SchemaAutomaton automaton;
    private AutomatonState state;
    private long[] mask;
    private int walks;

    ConstrainedOutput(SchemaAutomaton automaton, AutomatonState start) {
        this.automaton = automaton;
        this.state = start;
    }

    @Override
    public boolean test(int token) {
        TokenVocabulary vocabulary = automaton.vocabulary();
        if (token < 0 || token >= vocabulary.size) {
            return false;
        }
        if (mask == null && walks++ >= WALKS_BEFORE_MASK) {
            mask = automaton.mask(state);
        }
        if (mask != null) {
            return (mask[token >>> 6] & 1L << token) != 0;
        }
        byte[] bytes = vocabulary.bytes[token];
        if (bytes.length == 0) {
            return state.accepting && isEnd(token);
        }
        return !automaton.walk(state, bytes).isDead();
    }

    /** Takes a picked token's bytes; it must be one {@link #test} allowed. */
    public void accept(int token) {
        byte[] bytes = automaton.vocabulary().bytes[token];
        AutomatonState next = automaton.walk(state, bytes);
        if (next.isDead() || bytes.length == 0) {
            throw new IllegalStateException("token " + token + " does not continue the constrained output");
        }
        state = next;
        mask = null;
        walks = 0;
    }

    /** Feeds text that the output already holds (a forced prefix); false, and unchanged, if the schema refuses it. */
    public boolean acceptText(byte[] bytes) {
        AutomatonState next = automaton.walk(state, bytes);
        if (next.isDead()) {
            return false;
        }
        state = next;
        mask = null;
        walks = 0;
        return true;
    }

    /** The output so far is a whole value of the schema. */
    public boolean isComplete() {
        return state.accepting;
    }

    /** The output is a whole value and nothing may follow it. */
    public boolean isFinished() {
        return state.finished;
    }

    private boolean isEnd(int token) {
        for (int end : automaton.vocabulary().endIds) {
            if (end == token) {
                return true;
            }
        }
        return false;
    }
}
