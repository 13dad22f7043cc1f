package org.jfoundry.adapters.catalog;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.jfoundry.ports.failure.FoundryException;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.out.CatalogSource;

/**
 * Keeps a network source's last good answer for a while, so that resolving an alias on every request does not call
 * the network every time, and a source that fails later still answers with what it said last. A source that has never
 * answered keeps its failure as long, so an offline machine lists its models without waiting on the network each time.
 */
final class RememberingCatalog implements CatalogSource {
    private static final System.Logger LOG = System.getLogger(RememberingCatalog.class.getName());

    private final CatalogSource source;
    private final Duration freshFor;
    private final Duration retryAfterFailure;
    private final LongSupplier nanoClock;
    private List<CatalogModel> remembered;
    private FoundryException neverAnswered;
    private long freshUntilNanos;

    RememberingCatalog(CatalogSource source, Duration freshFor, Duration retryAfterFailure, LongSupplier nanoClock) {
        this.source = source;
        this.freshFor = freshFor;
        this.retryAfterFailure = retryAfterFailure;
        this.nanoClock = nanoClock;
    }

    CatalogSource source() {
        return source;
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public synchronized List<CatalogModel> listModels() {
        long now = nanoClock.getAsLong();
        if (now - freshUntilNanos < 0) {
            if (remembered != null) {
                return remembered;
            }
            if (neverAnswered != null) {
                throw neverAnswered;
            }
        }
        try {
            remembered = source.listModels();
            neverAnswered = null;
            freshUntilNanos = now + freshFor.toNanos();
            return remembered;
        } catch (FoundryException failure) {
            if (remembered == null) {
                neverAnswered = failure;
                freshUntilNanos = now + retryAfterFailure.toNanos();
                throw failure;
            }
            LOG.log(System.Logger.Level.WARNING, "catalog source {0} failed ({1}); using its last answer",
                    source.name(), failure.getMessage());
            freshUntilNanos = now + retryAfterFailure.toNanos();
            return remembered;
        }
    }
}
