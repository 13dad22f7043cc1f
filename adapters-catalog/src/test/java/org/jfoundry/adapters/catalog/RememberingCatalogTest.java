package org.jfoundry.adapters.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.ModelId;
import org.jfoundry.ports.model.ModelRuntime;
import org.jfoundry.ports.out.CatalogSource;
import org.junit.jupiter.api.Test;

class RememberingCatalogTest {
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean online = true;

    private final CatalogSource network = new CatalogSource() {
        @Override
        public String name() {
            return "network";
        }

        @Override
        public List<CatalogModel> listModels() {
            calls.incrementAndGet();
            if (!online) {
                throw new DownloadFailedException("offline");
            }
            return List.of(CatalogModel.of(new ModelId("Tiny-generic-cpu", String.valueOf(calls.get())), "tiny",
                    "file:/x", ModelRuntime.CPU, "chat-completion"));
        }
    };

    private final RememberingCatalog catalog = new RememberingCatalog(network, Duration.ofMinutes(15),
            Duration.ofMinutes(1), now::get);

    @Test
    void anAnswerIsReusedUntilItIsNoLongerFresh() {
        List<CatalogModel> first = catalog.listModels();
        now.addAndGet(Duration.ofMinutes(14).toNanos());
        assertThat(catalog.listModels()).isSameAs(first);
        assertThat(calls.get()).isEqualTo(1);

        now.addAndGet(Duration.ofMinutes(2).toNanos());
        assertThat(catalog.listModels()).isNotEqualTo(first);
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void aFailingSourceAnswersWithItsLastListAndIsAskedAgainSoon() {
        List<CatalogModel> first = catalog.listModels();
        online = false;
        now.addAndGet(Duration.ofMinutes(16).toNanos());

        assertThat(catalog.listModels()).isSameAs(first);
        assertThat(catalog.listModels()).isSameAs(first);
        assertThat(calls.get()).isEqualTo(2);

        online = true;
        now.addAndGet(Duration.ofMinutes(2).toNanos());
        assertThat(catalog.listModels()).isNotEqualTo(first);
    }

    @Test
    void aSourceThatNeverAnsweredPassesItsFailureOn() {
        online = false;

        assertThatThrownBy(catalog::listModels).isInstanceOf(DownloadFailedException.class);
    }

    @Test
    void aSourceThatNeverAnsweredIsNotAskedAgainUntilTheRetryTime() {
        online = false;
        assertThatThrownBy(catalog::listModels).isInstanceOf(DownloadFailedException.class);
        assertThatThrownBy(catalog::listModels).isInstanceOf(DownloadFailedException.class);
        assertThat(calls.get()).isEqualTo(1);

        online = true;
        now.addAndGet(Duration.ofMinutes(2).toNanos());
        assertThat(catalog.listModels()).hasSize(1);
        assertThat(calls.get()).isEqualTo(2);
    }
}
