package org.jfoundry.adapters.cli.client;

import java.util.List;

/**
 * The service's {@code /openai/status} answer.
 *
 * @param providers the execution providers the service reports as valid, such as {@code CPUExecutionProvider}
 */
public record ServiceInfo(List<String> endpoints, String modelDirPath, List<String> providers) {
    public ServiceInfo {
        endpoints = List.copyOf(endpoints);
        providers = List.copyOf(providers);
    }
}
