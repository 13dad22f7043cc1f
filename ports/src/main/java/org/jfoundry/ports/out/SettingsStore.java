package org.jfoundry.ports.out;

import org.jfoundry.ports.settings.ServiceSettings;

/** Reads and writes the service settings file. */
public interface SettingsStore {
    /** The saved settings, or defaults when nothing is saved yet. */
    ServiceSettings load();

    void save(ServiceSettings settings);
}
