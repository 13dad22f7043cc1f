/**
 * Constrained decoding for the Java generation loop: a response format's JSON schema
 * ({@link org.jfoundry.ports.inference.JsonSchema}) compiled into a byte-level pushdown automaton
 * ({@link org.jfoundry.adapters.ort.constraint.SchemaAutomaton}) over a model's
 * {@link org.jfoundry.adapters.ort.constraint.TokenVocabulary}, with the allowed-token mask of each state computed
 * once and cached; each request walks it with a {@link org.jfoundry.adapters.ort.constraint.ConstrainedOutput}.
 * What the output may look like: declared properties in their declared order (optional ones may be left out),
 * whitespace between JSON tokens as models write it (spaces, or one newline and at most 12 spaces of indentation),
 * nesting at most 32 deep, numbers without exponent (at most 18 integer and 15 fraction digits), strings without
 * escapes of UTF-16 surrogates. Every such output validates against the schema.
 */
package org.jfoundry.adapters.ort.constraint;
