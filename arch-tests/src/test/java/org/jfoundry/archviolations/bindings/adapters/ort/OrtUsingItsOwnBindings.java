package org.jfoundry.archviolations.bindings.adapters.ort;

import org.jfoundry.archviolations.bindings.adapters.ort.internal.bindings.OrtApiTable;

/** The ORT adapter may use its own bindings: this must not be reported. */
public final class OrtUsingItsOwnBindings {
    OrtApiTable api;
}
