package org.jfoundry.ports.in;

public interface GetServiceStatusUseCase {
    ServiceStatus serviceStatus();
}
