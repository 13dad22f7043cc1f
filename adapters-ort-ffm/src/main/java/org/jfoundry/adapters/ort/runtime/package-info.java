/**
 * ONNX Runtime building blocks over FFM: environment, session options, sessions, values, IoBinding and run options.
 *
 * <p>Internal to adapters-ort-ffm: the classes are public only so that the engines in sibling packages
 * ({@code org.jfoundry.adapters.ort.embeddings}, {@code ..generate}) can use them. Nothing here crosses a port.
 *
 * <p>Rules every class follows: each native object is owned by one {@link java.lang.AutoCloseable} whose
 * {@code close()} is idempotent and waits for calls in flight; a call after close throws {@link
 * java.lang.IllegalStateException} naming the object instead of touching freed memory; every {@code OrtStatus*} goes
 * through one gate and becomes an {@link org.jfoundry.adapters.ort.runtime.OrtException}.
 */
package org.jfoundry.adapters.ort.runtime;
