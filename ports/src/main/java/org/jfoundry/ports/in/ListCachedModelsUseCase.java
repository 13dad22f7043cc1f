package org.jfoundry.ports.in;

import java.util.List;
import org.jfoundry.ports.model.CachedModel;

public interface ListCachedModelsUseCase {
    List<CachedModel> listCached();
}
