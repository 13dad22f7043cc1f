package org.jfoundry.adapters.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (Maven writes it), so it cannot disagree with the build. */
public final class ManifestVersion implements IVersionProvider {

    public static String version() {
        String version = ManifestVersion.class.getPackage().getImplementationVersion();
        return version != null ? version : "development build";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"foundry (jfoundry) " + version(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
