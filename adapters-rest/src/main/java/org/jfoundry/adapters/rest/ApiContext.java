package org.jfoundry.adapters.rest;

import java.util.Optional;
import java.util.function.Supplier;
import org.jfoundry.ports.in.FoundryService;

/** What every handler shares: the use cases, the settings, the counters and the central error mapping. */
record ApiContext(FoundryService service, RestSettings settings, Metrics metrics, ErrorMapper errors, Health health,
                  Supplier<Optional<String>> boundUrl) {
}
