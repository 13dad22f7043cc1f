package org.jfoundry.adapters.ort.generate;

/** A batched sequence was terminated while it waited for its step; the loop turns it into the request's reason. */
final class SequenceTerminatedException extends RuntimeException {

    SequenceTerminatedException() {
        super("the sequence was terminated", null, false, false);
    }
}
