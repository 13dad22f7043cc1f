package org.jfoundry.adapters.cli.model;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.jfoundry.adapters.cli.client.ModelResolver;
import org.jfoundry.adapters.cli.client.ModelResolver.Resolved;
import org.jfoundry.adapters.cli.client.ServiceClient;
import org.jfoundry.adapters.cli.client.ServiceError;
import org.jfoundry.adapters.cli.console.ProgressBar;
import org.jfoundry.ports.failure.ModelNotCachedException;
import org.jfoundry.ports.failure.ModelNotFoundException;
import org.jfoundry.ports.model.CatalogModel;

/** Steps several model commands share: resolving a name, downloading, loading. */
final class Models {
    private Models() {
    }

    /** The variant the service would use for that name, preferring a downloaded one. */
    static Resolved resolve(ServiceClient client, String name) {
        List<CatalogModel> catalog;
        try {
            catalog = client.catalog();
        } catch (ServiceError noCatalog) {
            catalog = List.of(); // downloaded models can still be named when the catalog is unreachable
        }
        try {
            return new ModelResolver(catalog, client.cachedModels(), ModelResolver.providers(client.status())).resolve(name);
        } catch (ModelNotFoundException unknown) {
            // The alias of an imported model is known only to the service, which reads it from the model's folder.
            return client.cachedModel(name).map(id -> new Resolved(id, null, true)).orElseThrow(() -> unknown);
        }
    }

    /** Downloads the model unless it is cached, showing progress. */
    static void download(ServiceClient client, Resolved model, PrintWriter out, boolean terminal) {
        if (model.cached()) {
            return;
        }
        if (model.entry() == null) {
            throw new ModelNotCachedException(model.id().toString());
        }
        out.println("Downloading " + model.id() + "...");
        out.flush();
        ProgressBar bar = new ProgressBar(out, terminal, model.entry().fileSizeMb() * 1024 * 1024, System::nanoTime);
        try {
            client.download(model.entry(), bar::update);
        } finally {
            bar.finish();
        }
        out.println("🟢 Model " + model.id() + " downloaded successfully");
        out.flush();
    }

    static String fileSize(long megabytes) {
        if (megabytes <= 0) {
            return "-";
        }
        return megabytes >= 1024 ? String.format(Locale.ROOT, "%.2f GB", megabytes / 1024.0)
                : String.format(Locale.ROOT, "%d MB", megabytes);
    }
}
