/**
 * Low-level downcalls to libonnxruntime-genai.so in jextract's layout, generated from
 * {@code native-headers/src/main/resources/headers/ort_genai_c_subset.h}; not part of any public surface.
 */
package org.jfoundry.adapters.ort.genai.internal.bindings;
