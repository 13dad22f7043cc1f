package org.jfoundry.adapters.ort.runtime;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jfoundry.adapters.ort.internal.bindings.OrtApi;
import org.jfoundry.adapters.ort.internal.lifecycle.CallGate;

/**
 * A run over fixed input and output names with pre-allocated outputs: the native name and value arrays are built
 * once, so a call allocates nothing on the Java heap. One thread at a time (a second concurrent caller is refused);
 * use one per thread for parallel runs.
 */
public final class PreparedRun implements AutoCloseable {
    private final Session session;
    private final int[] in;
    private final int[] out;
    private final Arena arena;
    private final MemorySegment inNames;
    private final MemorySegment outNames;
    private final MemorySegment inValues;
    private final MemorySegment outValues;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final CallGate lifetime;

    /** {@code arenas} gives the arena of the native arrays; it is closed here when building them fails. */
    PreparedRun(Session session, int[] in, int[] out, Supplier<Arena> arenas) {
        this.session = session;
        this.in = in.clone();
        this.out = out.clone();
        this.lifetime = new CallGate("prepared run on " + session);
        Arena owned = arenas.get();
        try {
            inNames = owned.allocate(ADDRESS, Math.max(1, in.length));
            outNames = owned.allocate(ADDRESS, Math.max(1, out.length));
            inValues = owned.allocate(ADDRESS, Math.max(1, in.length));
            outValues = owned.allocate(ADDRESS, Math.max(1, out.length));
            for (int i = 0; i < in.length; i++) {
                inNames.setAtIndex(ADDRESS, i, session.inputName(in[i]));
            }
            for (int i = 0; i < out.length; i++) {
                outNames.setAtIndex(ADDRESS, i, session.outputName(out[i]));
            }
        } catch (RuntimeException | Error e) {
            owned.close();
            throw e;
        }
        this.arena = owned;
    }

    /** Runs with {@code inputs} and {@code outputs} in the order given to {@link Session#prepare}. */
    public void run(RunOptions options, Value[] inputs, Value[] outputs) {
        if (inputs.length != in.length || outputs.length != out.length) {
            throw new IllegalArgumentException("prepared for " + in.length + " inputs and " + out.length
                    + " outputs, given " + inputs.length + " and " + outputs.length);
        }
        session.checkInputs(in, inputs);
        lifetime.enter();
        try {
            if (!busy.compareAndSet(false, true)) {
                throw new IllegalStateException("a prepared run is used by one thread at a time");
            }
            try {
                runOnSession(options, inputs, outputs);
            } finally {
                busy.set(false);
            }
        } finally {
            lifetime.exit();
        }
    }

    private void runOnSession(RunOptions options, Value[] inputs, Value[] outputs) {
        session.enter();
        try {
            RunOptions.enterIfGiven(options);
            try {
                Value.enterAll(inputs, inValues);
                try {
                    Value.enterAll(outputs, outValues);
                    try {
                        Status.check(OrtApi.Run(session.handle(), RunOptions.handleOrNull(options), inNames, inValues,
                                in.length, outNames, out.length, outValues), "Run");
                    } finally {
                        Value.exitAll(outputs, outputs.length);
                    }
                } finally {
                    Value.exitAll(inputs, inputs.length);
                }
            } finally {
                RunOptions.exitIfGiven(options);
            }
        } finally {
            session.exit();
        }
    }

    public boolean isClosed() {
        return lifetime.isClosed();
    }

    @Override
    public void close() {
        lifetime.close(arena::close);
    }

    @Override
    public String toString() {
        return lifetime.what();
    }
}
