package org.jfoundry.archviolations.bindings.adapters.ort.internal.bindings;

public final class OrtApiTable {
}
