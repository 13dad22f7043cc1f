package org.jfoundry.ports.failure;

/** The root of the service's typed failures; adapters map each subtype to a status code or exit code. */
public abstract sealed class FoundryException extends RuntimeException
        permits ModelNotFoundException, ModelNotCachedException, CapacityExceededException, InvalidRequestException,
        EngineFailureException, CancelledException, ModelInUseException, ServiceBusyException,
        ProviderUnavailableException, DownloadFailedException {

    protected FoundryException(String message) {
        super(message);
    }

    protected FoundryException(String message, Throwable cause) {
        super(message, cause);
    }
}
