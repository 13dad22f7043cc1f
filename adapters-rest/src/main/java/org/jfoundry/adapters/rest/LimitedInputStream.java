package org.jfoundry.adapters.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Stops reading a body of unknown length (chunked) as soon as it passes the limit, instead of buffering it all. */
final class LimitedInputStream extends FilterInputStream {
    static final class LimitExceeded extends IOException {
        LimitExceeded() {
            super("request body limit exceeded");
        }
    }

    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws LimitExceeded {
        count += n;
        if (count > limit) {
            throw new LimitExceeded();
        }
    }
}
