/*
 * The subset of the ONNX Runtime GenAI C API (ort_genai_c.h, onnxruntime-genai v0.14.x, MIT licensed) that jfoundry
 * binds through java.lang.foreign. Declarations only, rewritten from the public header; checked against the symbols
 * exported by libonnxruntime-genai.so 0.14.1 (nm -D --defined-only).
 *
 * The Java bindings live in adapters-ort-ffm, org.jfoundry.adapters.ort.genai.internal.bindings.ort_genai_c_h, in the
 * layout jextract 22+ generates, written by native-headers/scripts/generate-genai-bindings.py (jextract is not in any
 * registry these machines reach). The equivalent jextract command (https://jdk.java.net/jextract/) is:
 *
 *   jextract @native-headers/jextract/onnxruntime-genai.jextract-args \
 *            --output adapters-ort-ffm/src/main/java native-headers/src/main/c/ort_genai_c_subset.h
 *
 * --use-system-load-library makes the functions resolve through SymbolLookup.loaderLookup(): the GenAI engine
 * System.load()s the library it found (settings, FOUNDRY_GENAI_LIBRARY or the foundry home) before the first call.
 * GenAI's API is flat exported functions (no function table as in ONNX Runtime) and every type is opaque, so there
 * are no struct layouts to generate.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum OgaElementType {
  OgaElementType_undefined,
  OgaElementType_float32,
  OgaElementType_uint8,
  OgaElementType_int8,
  OgaElementType_uint16,
  OgaElementType_int16,
  OgaElementType_int32,
  OgaElementType_int64,
  OgaElementType_string,
  OgaElementType_bool,
  OgaElementType_float16,
  OgaElementType_float64,
  OgaElementType_uint32,
  OgaElementType_uint64,
  OgaElementType_complex64,
  OgaElementType_complex128,
  OgaElementType_bfloat16,
} OgaElementType;

typedef struct OgaResult OgaResult;
typedef struct OgaConfig OgaConfig;
typedef struct OgaModel OgaModel;
typedef struct OgaSequences OgaSequences;
typedef struct OgaTokenizer OgaTokenizer;
typedef struct OgaTokenizerStream OgaTokenizerStream;
typedef struct OgaGeneratorParams OgaGeneratorParams;
typedef struct OgaGenerator OgaGenerator;

/* Results and errors: every OgaResult* function returns NULL on success. */
void OgaShutdown(void);
const char* OgaResultGetError(const OgaResult* result);
void OgaDestroyResult(OgaResult* result);
void OgaDestroyString(const char* string);

/* Config and providers */
OgaResult* OgaCreateConfig(const char* config_path, OgaConfig** out);
OgaResult* OgaConfigClearProviders(OgaConfig* config);
OgaResult* OgaConfigAppendProvider(OgaConfig* config, const char* provider);
OgaResult* OgaConfigSetProviderOption(OgaConfig* config, const char* provider, const char* key, const char* value);
OgaResult* OgaConfigOverlay(OgaConfig* config, const char* json);
void OgaDestroyConfig(OgaConfig* config);

/* Model */
OgaResult* OgaCreateModel(const char* config_path, OgaModel** out);
OgaResult* OgaCreateModelFromConfig(const OgaConfig* config, OgaModel** out);
OgaResult* OgaModelGetType(const OgaModel* model, const char** out);
OgaResult* OgaModelGetDeviceType(const OgaModel* model, const char** out);
void OgaDestroyModel(OgaModel* model);

/* Token sequences */
OgaResult* OgaCreateSequences(OgaSequences** out);
void OgaDestroySequences(OgaSequences* sequences);
size_t OgaSequencesCount(const OgaSequences* sequences);
size_t OgaSequencesGetSequenceCount(const OgaSequences* sequences, size_t sequence_index);
const int32_t* OgaSequencesGetSequenceData(const OgaSequences* sequences, size_t sequence_index);

/* Tokenizer, chat template and streaming decode */
OgaResult* OgaCreateTokenizer(const OgaModel* model, OgaTokenizer** out);
void OgaDestroyTokenizer(OgaTokenizer* tokenizer);
OgaResult* OgaTokenizerEncode(const OgaTokenizer* tokenizer, const char* str, OgaSequences* sequences);
OgaResult* OgaTokenizerDecode(const OgaTokenizer* tokenizer, const int32_t* tokens, size_t token_count,
                              const char** out_string);
OgaResult* OgaTokenizerApplyChatTemplate(const OgaTokenizer* tokenizer, const char* template_str, const char* messages,
                                         const char* tools, bool add_generation_prompt, const char** out_string);
OgaResult* OgaTokenizerGetEosTokenIds(const OgaTokenizer* tokenizer, const int32_t** eos_token_ids,
                                      size_t* token_count);
OgaResult* OgaCreateTokenizerStream(const OgaTokenizer* tokenizer, OgaTokenizerStream** out);
void OgaDestroyTokenizerStream(OgaTokenizerStream* stream);
OgaResult* OgaTokenizerStreamDecode(OgaTokenizerStream* stream, int32_t token, const char** out);

/* Generator params (search options) */
OgaResult* OgaCreateGeneratorParams(const OgaModel* model, OgaGeneratorParams** out);
void OgaDestroyGeneratorParams(OgaGeneratorParams* params);
OgaResult* OgaGeneratorParamsSetSearchNumber(OgaGeneratorParams* params, const char* name, double value);
OgaResult* OgaGeneratorParamsSetSearchBool(OgaGeneratorParams* params, const char* name, bool value);
OgaResult* OgaGeneratorParamsSetGuidance(OgaGeneratorParams* params, const char* type, const char* data,
                                         bool enable_ff_tokens);

/* Generator */
OgaResult* OgaCreateGenerator(const OgaModel* model, const OgaGeneratorParams* params, OgaGenerator** out);
void OgaDestroyGenerator(OgaGenerator* generator);
bool OgaGenerator_IsDone(const OgaGenerator* generator);
bool OgaGenerator_IsSessionTerminated(const OgaGenerator* generator);
OgaResult* OgaGenerator_AppendTokens(OgaGenerator* generator, const int32_t* input_ids, size_t input_ids_count);
OgaResult* OgaGenerator_GenerateNextToken(OgaGenerator* generator);
OgaResult* OgaGenerator_GetNextTokens(const OgaGenerator* generator, const int32_t** out, size_t* out_count);
OgaResult* OgaGenerator_SetRuntimeOption(OgaGenerator* generator, const char* key, const char* value);
size_t OgaGenerator_GetSequenceCount(const OgaGenerator* generator, size_t index);
const int32_t* OgaGenerator_GetSequenceData(const OgaGenerator* generator, size_t index);
