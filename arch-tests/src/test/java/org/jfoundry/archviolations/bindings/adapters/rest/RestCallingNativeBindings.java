package org.jfoundry.archviolations.bindings.adapters.rest;

import org.jfoundry.archviolations.bindings.adapters.ort.internal.bindings.OrtApiTable;

/** Breaks "the ORT binding packages are used only inside the ORT adapter". */
public final class RestCallingNativeBindings {
    OrtApiTable api;
}
