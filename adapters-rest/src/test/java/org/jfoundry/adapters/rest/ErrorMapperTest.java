package org.jfoundry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.jfoundry.ports.failure.CancelledException;
import org.jfoundry.ports.failure.CapacityExceededException;
import org.jfoundry.ports.failure.DownloadFailedException;
import org.jfoundry.ports.failure.EngineFailureException;
import org.jfoundry.ports.failure.InvalidRequestException;
import org.jfoundry.ports.failure.ModelInUseException;
import org.jfoundry.ports.failure.ModelNotCachedException;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.failure.ProviderUnavailableException;
import org.jfoundry.ports.failure.ServiceBusyException;
import org.junit.jupiter.api.Test;

/** Every typed failure of the ports has its one HTTP status, error type and, where it helps, Retry-After. */
class ErrorMapperTest {

    @Test
    void eachPortsFailureMapsToItsDocumentedStatus() {
        assertMapped(new ModelNotCachedException("x:1"), 400, "invalid_request_error", "model");
        assertMapped(new ModelNotFoundException("x"), 404, "not_found_error", "model");
        assertMapped(new InvalidRequestException("bad", "top_p"), 400, "invalid_request_error", "top_p");
        assertMapped(new ProviderUnavailableException("cuda", List.of("cpu")), 400, "invalid_request_error", "ep");
        assertMapped(new ModelInUseException("busy"), 409, "invalid_request_error", null);
        assertMapped(new ServiceBusyException("full", Duration.ofMillis(1500)), 503, "server_error", null);
        assertMapped(new CapacityExceededException("no room"), 503, "server_error", null);
        assertMapped(new CancelledException("unloaded"), 500, "server_error", null);
        assertMapped(new EngineFailureException("native"), 500, "server_error", null);
        assertMapped(new DownloadFailedException("net"), 500, "server_error", null);
    }

    @Test
    void aBusyQueueSaysWhenToRetryInWholeSecondsRoundedUp() {
        assertThat(ErrorMapper.map(new ServiceBusyException("full", Duration.ofMillis(1500))).retryAfterSeconds())
                .isEqualTo(2);
        assertThat(ErrorMapper.map(new ServiceBusyException("full", Duration.ZERO)).retryAfterSeconds()).isEqualTo(1);
        assertThat(ErrorMapper.map(new CapacityExceededException("no room")).retryAfterSeconds()).isPositive();
    }

    @Test
    void theNotCachedMessageKeepsTheTextSdksSearchFor() {
        assertThat(ErrorMapper.map(new ModelNotCachedException("Phi:1")).message())
                .contains("No OpenAIService provider found for modelName:Phi:1");
    }

    @Test
    void anUnexpectedFailureIsA500ThatDoesNotLeakItsMessage() {
        ApiError error = ErrorMapper.map(new IllegalStateException("secret internal detail /home/me"));

        assertThat(error.status()).isEqualTo(500);
        assertThat(error.message()).doesNotContain("secret");
        assertThat(error.toJson().get("error").get("type").asText()).isEqualTo("server_error");
    }

    private static void assertMapped(RuntimeException failure, int status, String type, String param) {
        ApiError error = ErrorMapper.map(failure);
        assertThat(error.status()).as(failure.getClass().getSimpleName()).isEqualTo(status);
        assertThat(error.type()).as(failure.getClass().getSimpleName()).isEqualTo(type);
        assertThat(error.param()).as(failure.getClass().getSimpleName()).isEqualTo(param);
        assertThat(error.toJson().get("error").get("message").asText()).isNotBlank();
    }
}
