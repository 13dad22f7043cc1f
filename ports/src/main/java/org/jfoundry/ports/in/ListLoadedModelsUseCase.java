package org.jfoundry.ports.in;

import java.util.List;
import org.jfoundry.ports.model.LoadedModel;

public interface ListLoadedModelsUseCase {
    List<LoadedModel> listLoaded();
}
