package org.jfoundry.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.jfoundry.ports.failure.CapacityExceededException;
import org.jfoundry.ports.model.CachedModel;
import org.jfoundry.ports.model.ModelState;

/** Decides which idle models must go so another fits within the model-count and memory budgets. */
final class CapacityPlanner {

    private final int maxLoadedModels;
    private final long memoryBudgetBytes;

    CapacityPlanner(int maxLoadedModels, long memoryBudgetBytes) {
        this.maxLoadedModels = maxLoadedModels;
        this.memoryBudgetBytes = memoryBudgetBytes;
    }

    /**
     * The least recently used idle models to evict so that {@code incoming} fits; nothing is chosen unless the whole
     * plan works. Models with requests in flight, or still loading, are never chosen.
     *
     * @param occupying the models loading or loaded now (not those already unloading)
     * @throws CapacityExceededException when even evicting every idle model would not make room
     */
    List<ModelSlot> victimsFor(CachedModel incoming, Collection<ModelSlot> occupying) {
        long incomingBytes = Math.max(0, incoming.sizeBytes());
        if (incomingBytes > memoryBudgetBytes) {
            throw new CapacityExceededException("Cannot load " + incoming.id() + ": it needs about "
                    + Bytes.describe(incomingBytes) + ", more than the whole memory budget of "
                    + Bytes.describe(memoryBudgetBytes) + ".");
        }
        int count = occupying.size() + 1;
        long bytes = incomingBytes + occupying.stream().mapToLong(s -> s.estimatedBytes).sum();
        List<ModelSlot> idleOldestFirst = occupying.stream()
                .filter(s -> s.state == ModelState.LOADED && s.isIdle())
                .sorted(Comparator.comparing((ModelSlot s) -> s.lastUsedAt).thenComparing(s -> s.loadedAt))
                .toList();
        List<ModelSlot> victims = new ArrayList<>();
        for (ModelSlot candidate : idleOldestFirst) {
            if (fits(count, bytes)) {
                break;
            }
            victims.add(candidate);
            count--;
            bytes -= candidate.estimatedBytes;
        }
        if (!fits(count, bytes)) {
            throw new CapacityExceededException("Cannot load " + incoming.id() + " (about "
                    + Bytes.describe(incomingBytes) + "): the limit is " + maxLoadedModels + " loaded model(s) and "
                    + Bytes.describe(memoryBudgetBytes) + " of memory, and the models using it are busy: "
                    + occupying.stream().map(ModelSlot::describeUse).toList()
                    + ". Unload a model or wait for its requests to finish.");
        }
        return victims;
    }

    private boolean fits(int count, long bytes) {
        return count <= maxLoadedModels && bytes <= memoryBudgetBytes;
    }
}
