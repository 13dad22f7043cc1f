package org.jfoundry.ports.model;

/** Where a model stands in its lifecycle. */
public enum ModelState {
    NOT_CACHED, DOWNLOADING, CACHED, LOADING, LOADED, UNLOADING
}
