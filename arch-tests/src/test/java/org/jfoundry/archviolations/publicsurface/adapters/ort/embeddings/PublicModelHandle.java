package org.jfoundry.archviolations.publicsurface.adapters.ort.embeddings;

import org.jfoundry.archviolations.publicsurface.ports.out.ModelHandle;

/** A port implementation made public: must be reported. */
public final class PublicModelHandle implements ModelHandle {
}
