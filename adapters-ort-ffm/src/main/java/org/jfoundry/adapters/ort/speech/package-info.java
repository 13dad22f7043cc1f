/**
 * Speech to text: the audio front end (WAV decoding, mixing down, resampling to 16 kHz, Whisper's log-mel
 * spectrogram) and, on top of it, the Whisper engine. The front end is pure Java and knows nothing of ONNX Runtime.
 */
package org.jfoundry.adapters.ort.speech;
