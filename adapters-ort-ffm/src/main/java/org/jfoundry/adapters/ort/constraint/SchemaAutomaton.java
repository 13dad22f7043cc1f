package org.jfoundry.adapters.ort.constraint;

import org.jfoundry.ports.inference.JsonSchema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A JSON schema compiled into a byte-level pushdown automaton for one model's vocabulary. States are interned, each
 * caches its byte transitions, and the mask of tokens allowed in a state is computed once (by one walk over the
 * sorted vocabulary) and kept, so sampling consults a bit set instead of the vocabulary's bytes. Thread safe: one
 * automaton serves every request with the same schema; {@link #start()} gives each its own cursor.
 */
public final class SchemaAutomaton {

    /**
     * Bounds on what the caches hold. Past them the automaton starts over from a fresh start state, so the old
     * graph of states (each linked to the next by its transitions) is freed once the requests walking it end.
     */
    static final int MAX_STATES = 50_000;
    static final long MAX_MASK_BYTES = 32L << 20;

    private final TokenVocabulary vocabulary;
    private final Stack[] startStacks;
    private final int maxStates;
    private final AutomatonState dead = new AutomatonState(new Stack[0]);
    private volatile AutomatonState start;
    private final ConcurrentHashMap<AutomatonState, AutomatonState> states = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<AutomatonState, long[]> masks = new ConcurrentHashMap<>();

    SchemaAutomaton(Node root, TokenVocabulary vocabulary, int maxStates) {
        this.vocabulary = vocabulary;
        this.maxStates = maxStates;
        this.startStacks = new Stack[]{Stack.EMPTY.push(Frame.Expect.root(root))};
        this.start = intern(new AutomatonState(startStacks));
    }

    public static SchemaAutomaton compile(JsonSchema schema, TokenVocabulary vocabulary) {
        return new SchemaAutomaton(SchemaCompiler.compile(schema), vocabulary, MAX_STATES);
    }

    int internedStates() {
        return states.size();
    }

    /** A cursor at the beginning of the output, for one request. */
    public ConstrainedOutput start() {
        return new ConstrainedOutput(this, start);
    }

    TokenVocabulary vocabulary() {
        return vocabulary;
    }

    AutomatonState next(AutomatonState state, int b) {
        AutomatonState known = state.cachedNext(b);
        if (known != null) {
            return known;
        }
        List<Stack> out = new ArrayList<>(2);
        for (Stack stack : state.stacks) {
            feed(stack, b, out);
        }
        AutomatonState next = out.isEmpty() ? dead
                : intern(new AutomatonState(new LinkedHashSet<>(out).toArray(Stack[]::new)));
        state.cacheNext(b, next);
        return next;
    }

    /** Feeds a byte to a stack; a top frame that can end also lets the frames below it take the byte. */
    private static void feed(Stack stack, int b, List<Stack> out) {
        if (stack == Stack.EMPTY) {
            return;
        }
        stack.top.feed(b, stack.rest, out);
        if (stack.top.canEnd()) {
            feed(stack.rest, b, out);
        }
    }

    /** The state after all of {@code bytes}; the dead state as soon as one is refused. */
    AutomatonState walk(AutomatonState state, byte[] bytes) {
        AutomatonState at = state;
        for (int i = 0; i < bytes.length && !at.isDead(); i++) {
            at = next(at, bytes[i] & 0xFF);
        }
        return at;
    }

    boolean isDead(AutomatonState state) {
        return state == dead || state.isDead();
    }

    /** The tokens allowed in {@code state}, one bit per token id; end ids when the output is a whole value. */
    long[] mask(AutomatonState state) {
        AutomatonState key = forMask(state);
        long[] known = masks.get(key);
        if (known != null) {
            return known;
        }
        long[] mask = computeMask(key);
        if ((long) masks.size() * mask.length * Long.BYTES > MAX_MASK_BYTES) {
            masks.clear();
        }
        masks.put(key, mask);
        return mask;
    }

    /**
     * A state with the same mask that more states share: inside a string with a maxLength, the exact count matters
     * only near the bounds, so a long string does not compute a mask per character.
     */
    private AutomatonState forMask(AutomatonState state) {
        Stack[] stacks = state.stacks.clone();
        boolean changed = false;
        for (int i = 0; i < stacks.length; i++) {
            if (stacks[i].top instanceof Frame.InString string) {
                Frame.InString shared = string.forMask(vocabulary.longest);
                if (shared != string) {
                    stacks[i] = stacks[i].rest.push(shared);
                    changed = true;
                }
            }
        }
        return changed ? intern(new AutomatonState(stacks)) : state;
    }

    private long[] computeMask(AutomatonState state) {
        TokenVocabulary v = vocabulary;
        long[] mask = new long[(v.size + 63) >>> 6];
        AutomatonState[] path = new AutomatonState[v.longest + 1];
        path[0] = state;
        int i = 0;
        while (i < v.sorted.length) {
            int id = v.sorted[i];
            byte[] token = v.bytes[id];
            int depth = v.sharedPrefix[i];
            boolean allowed = true;
            for (; depth < token.length; depth++) {
                AutomatonState next = next(path[depth], token[depth] & 0xFF);
                if (next.isDead()) {
                    allowed = false;
                    break;
                }
                path[depth + 1] = next;
            }
            i++;
            if (allowed) {
                mask[id >>> 6] |= 1L << id;
            } else {
                // Every following token sharing the refused prefix is refused too.
                while (i < v.sorted.length && v.sharedPrefix[i] > depth) {
                    i++;
                }
            }
        }
        if (state.accepting) {
            for (int end : v.endIds) {
                mask[end >>> 6] |= 1L << end;
            }
        }
        return mask;
    }

    private AutomatonState intern(AutomatonState state) {
        if (states.size() >= maxStates) {
            startOver();
        }
        AutomatonState known = states.putIfAbsent(state, state);
        return known == null ? state : known;
    }

    private synchronized void startOver() {
        if (states.size() < maxStates) {
            return;
        }
        states.clear();
        masks.clear();
        AutomatonState fresh = new AutomatonState(startStacks);
        states.put(fresh, fresh);
        start = fresh;
    }
}
