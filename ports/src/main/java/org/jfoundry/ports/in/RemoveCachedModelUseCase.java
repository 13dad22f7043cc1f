package org.jfoundry.ports.in;

import org.jfoundry.ports.model.ModelId;

public interface RemoveCachedModelUseCase {
    /**
     * Deletes a cached model. A loaded model is refused with {@link org.jfoundry.ports.failure.ModelInUseException}
     * unless {@code unloadFirst}.
     */
    ModelId removeCached(String aliasOrId, boolean unloadFirst);
}
