/**
 * Finding, extracting, checking and loading {@code libonnxruntime.so}. Internal to adapters-ort-ffm.
 */
package org.jfoundry.adapters.ort.internal.loading;
