/**
 * Writing ONNX models: {@link org.jfoundry.adapters.modelimport.onnx.OnnxGraph} builds nodes and small constants,
 * {@link org.jfoundry.adapters.modelimport.onnx.ExternalData} streams large weights into the external data file.
 * Shared by every converter in this module.
 */
package org.jfoundry.adapters.modelimport.onnx;
