/**
 * Low-level bindings to the ONNX Runtime C API, laid out as jextract generates them. Internal: used only by
 * {@code org.jfoundry.adapters.ort..}; never part of the module's surface. See native-headers for the declarations.
 */
package org.jfoundry.adapters.ort.internal.bindings;
