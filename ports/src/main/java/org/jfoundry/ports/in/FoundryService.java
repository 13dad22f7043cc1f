package org.jfoundry.ports.in;

/** Every inbound use case in one type, for adapters that serve them all (REST). */
public interface FoundryService extends ListCatalogUseCase, ResolveAliasUseCase, DownloadModelUseCase,
        ListCachedModelsUseCase, RemoveCachedModelUseCase, LoadModelUseCase, UnloadModelUseCase, ListLoadedModelsUseCase,
        CompleteChatUseCase, StreamChatCompletionUseCase, CompleteTextUseCase, CreateEmbeddingsUseCase,
        CountTokensUseCase, GetServiceStatusUseCase, ImportModelUseCase {
}
