package org.jfoundry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.CatalogListing;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ModelRuntime;
import org.jfoundry.ports.testing.FakeCatalogSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Offline, the catalog listing holds what can be served and says which sources could not be reached. */
class OfflineCatalogTest {
    private final CoreFixture fixture = new CoreFixture();
    private final CachedModel phi = fixture.store.add("phi-generic-cpu:1", "phi", "chat-completion", 1000);

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void withNoSourceAnsweringTheListingHoldsTheDownloadedModelsAndWhyTheCatalogIsMissing() {
        fixture.catalog.failWith(new DownloadFailedException("the Foundry catalog could not be read"));

        CatalogListing listing = fixture.core().catalogListing();

        assertThat(listing.models()).extracting(CatalogModel::id).containsExactly(phi.id());
        CatalogModel entry = listing.models().getFirst();
        assertThat(entry.alias()).isEqualTo("phi");
        assertThat(entry.task()).isEqualTo("chat-completion");
        assertThat(entry.runtime()).isEqualTo(ModelRuntime.CPU);
        assertThat(listing.unreachable()).containsExactly("foundry: the Foundry catalog could not be read");
        assertThat(fixture.core().listCatalog()).isEqualTo(listing.models());
    }

    @Test
    void aLocalCatalogStillAnswersBesideTheUnreachableOneAndDownloadedModelsItLacksAreAdded() {
        CatalogModel local = CatalogModel.of(org.jfoundry.ports.model.ModelId.parse("local-model:1"), "local-model",
                "file:///models/local", ModelRuntime.CPU, "chat-completion");
        fixture.catalogs.add(FakeCatalogSource.of(local));
        fixture.catalog.failWith(new DownloadFailedException("offline"));

        CatalogListing listing = fixture.core().catalogListing();

        assertThat(listing.models()).extracting(CatalogModel::id).containsExactly(local.id(), phi.id());
        assertThat(listing.complete()).isFalse();
    }

    @Test
    void withEverySourceAnsweringTheListingIsTheCatalogAlone() {
        CatalogModel online = CatalogModel.of(org.jfoundry.ports.model.ModelId.parse("online-generic-cpu:1"), "online",
                "azureml://online", ModelRuntime.CPU, "chat-completion");
        fixture.catalog.models(List.of(online));

        CatalogListing listing = fixture.core().catalogListing();

        assertThat(listing.models()).containsExactly(online);
        assertThat(listing.complete()).isTrue();
    }
}
