/*
 * The part of the ONNX Runtime C API (onnxruntime_c_api.h) that jfoundry binds, written by the project.
 *
 * Checked against the upstream header of ONNX Runtime 1.23.2 (ORT_API_VERSION 23, Debian libonnxruntime-dev
 * 1.23.2+dfsg-6.1) and run against libonnxruntime.so 1.26.0 from com.microsoft.onnxruntime:onnxruntime:1.26.0.
 *
 * Each OrtApi entry is written "slot N: declaration". OrtApi is a table of function pointers; slot N lives at byte
 * offset 8 * N. The table is append-only, so a library of API version >= 23 keeps every slot listed here.
 * OrtApiSlotsTest (adapters-ort-ffm) fails when a slot here or in the Java bindings disagrees with ort-api-slots.tsv.
 *
 * scripts/generate-ffm-bindings.py turns the OrtApi part of this file into OrtApi.java;
 * jextract/regenerate.sh produces the same layout from the full upstream header where jextract is installed.
 */
#include <stddef.h>
#include <stdint.h>

#define ORT_API_VERSION 23

/* Opaque types: only pointers to them cross the boundary. */
typedef struct OrtEnv OrtEnv;
typedef struct OrtStatus OrtStatus;
typedef struct OrtMemoryInfo OrtMemoryInfo;
typedef struct OrtIoBinding OrtIoBinding;
typedef struct OrtSession OrtSession;
typedef struct OrtValue OrtValue;
typedef struct OrtRunOptions OrtRunOptions;
typedef struct OrtTypeInfo OrtTypeInfo;
typedef struct OrtTensorTypeAndShapeInfo OrtTensorTypeAndShapeInfo;
typedef struct OrtSessionOptions OrtSessionOptions;
typedef struct OrtAllocator OrtAllocator;
typedef struct OrtThreadingOptions OrtThreadingOptions;
typedef struct OrtCUDAProviderOptionsV2 OrtCUDAProviderOptionsV2;
typedef struct OrtTensorRTProviderOptionsV2 OrtTensorRTProviderOptionsV2;

/* Enums are 4-byte ints on Linux x86-64 and aarch64. */
typedef enum ONNXTensorElementDataType {
  ONNX_TENSOR_ELEMENT_DATA_TYPE_UNDEFINED = 0,
  ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT = 1,
  ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 = 2,
  ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 = 3,
  ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16 = 4,
  ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 = 5,
  ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 = 6,
  ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 = 7,
  ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING = 8,
  ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL = 9,
  ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 = 10,
  ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE = 11,
  ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32 = 12,
  ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64 = 13,
  ONNX_TENSOR_ELEMENT_DATA_TYPE_COMPLEX64 = 14,
  ONNX_TENSOR_ELEMENT_DATA_TYPE_COMPLEX128 = 15,
  ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 = 16
} ONNXTensorElementDataType;

typedef enum ONNXType {
  ONNX_TYPE_UNKNOWN = 0,
  ONNX_TYPE_TENSOR = 1,
  ONNX_TYPE_SEQUENCE = 2,
  ONNX_TYPE_MAP = 3,
  ONNX_TYPE_OPAQUE = 4,
  ONNX_TYPE_SPARSETENSOR = 5,
  ONNX_TYPE_OPTIONAL = 6
} ONNXType;

typedef enum OrtLoggingLevel {
  ORT_LOGGING_LEVEL_VERBOSE = 0,
  ORT_LOGGING_LEVEL_INFO = 1,
  ORT_LOGGING_LEVEL_WARNING = 2,
  ORT_LOGGING_LEVEL_ERROR = 3,
  ORT_LOGGING_LEVEL_FATAL = 4
} OrtLoggingLevel;

typedef enum OrtErrorCode {
  ORT_OK = 0,
  ORT_FAIL = 1,
  ORT_INVALID_ARGUMENT = 2,
  ORT_NO_SUCHFILE = 3,
  ORT_NO_MODEL = 4,
  ORT_ENGINE_ERROR = 5,
  ORT_RUNTIME_EXCEPTION = 6,
  ORT_INVALID_PROTOBUF = 7,
  ORT_MODEL_LOADED = 8,
  ORT_NOT_IMPLEMENTED = 9,
  ORT_INVALID_GRAPH = 10,
  ORT_EP_FAIL = 11
} OrtErrorCode;

typedef enum GraphOptimizationLevel {
  ORT_DISABLE_ALL = 0,
  ORT_ENABLE_BASIC = 1,
  ORT_ENABLE_EXTENDED = 2,
  ORT_ENABLE_ALL = 99
} GraphOptimizationLevel;

typedef enum ExecutionMode { ORT_SEQUENTIAL = 0, ORT_PARALLEL = 1 } ExecutionMode;
typedef enum OrtAllocatorType { OrtInvalidAllocator = -1, OrtDeviceAllocator = 0, OrtArenaAllocator = 1 } OrtAllocatorType;
typedef enum OrtMemType { OrtMemTypeCPUInput = -2, OrtMemTypeCPUOutput = -1, OrtMemTypeDefault = 0 } OrtMemType;
typedef enum OrtMemoryInfoDeviceType { OrtMemoryInfoDeviceType_CPU = 0, OrtMemoryInfoDeviceType_GPU = 1, OrtMemoryInfoDeviceType_FPGA = 2, OrtMemoryInfoDeviceType_NPU = 3 } OrtMemoryInfoDeviceType;

typedef struct OrtApi OrtApi;

/* 16 bytes: GetApi at offset 0, GetVersionString at offset 8. */
struct OrtApiBase {
  const OrtApi* (*GetApi)(uint32_t version);   /* NULL when the library lacks that API version */
  const char* (*GetVersionString)(void);
};
typedef struct OrtApiBase OrtApiBase;

/* The only exported symbol. */
const OrtApiBase* OrtGetApiBase(void);

/* OrtApi slots used by jfoundry, in slot order. Functions returning OrtStatus* return NULL on success. */
/* slot 1: */ OrtErrorCode GetErrorCode(const OrtStatus* status);
/* slot 2: */ const char* GetErrorMessage(const OrtStatus* status);
/* slot 3: */ OrtStatus* CreateEnv(OrtLoggingLevel log_severity_level, const char* logid, OrtEnv** out);
/* slot 7: */ OrtStatus* CreateSession(const OrtEnv* env, const char* model_path, const OrtSessionOptions* options, OrtSession** out);
/* slot 8: */ OrtStatus* CreateSessionFromArray(const OrtEnv* env, const void* model_data, size_t model_data_length, const OrtSessionOptions* options, OrtSession** out);
/* slot 9: */ OrtStatus* Run(OrtSession* session, const OrtRunOptions* run_options, const char* const* input_names, const OrtValue* const* inputs, size_t input_len, const char* const* output_names, size_t output_names_len, OrtValue** outputs);
/* slot 10: */ OrtStatus* CreateSessionOptions(OrtSessionOptions** options);
/* slot 13: */ OrtStatus* SetSessionExecutionMode(OrtSessionOptions* options, ExecutionMode execution_mode);
/* slot 18: */ OrtStatus* EnableCpuMemArena(OrtSessionOptions* options);
/* slot 19: */ OrtStatus* DisableCpuMemArena(OrtSessionOptions* options);
/* slot 22: */ OrtStatus* SetSessionLogSeverityLevel(OrtSessionOptions* options, int session_log_severity_level);
/* slot 23: */ OrtStatus* SetSessionGraphOptimizationLevel(OrtSessionOptions* options, GraphOptimizationLevel graph_optimization_level);
/* slot 24: */ OrtStatus* SetIntraOpNumThreads(OrtSessionOptions* options, int intra_op_num_threads);
/* slot 25: */ OrtStatus* SetInterOpNumThreads(OrtSessionOptions* options, int inter_op_num_threads);
/* slot 30: */ OrtStatus* SessionGetInputCount(const OrtSession* session, size_t* out);
/* slot 31: */ OrtStatus* SessionGetOutputCount(const OrtSession* session, size_t* out);
/* slot 33: */ OrtStatus* SessionGetInputTypeInfo(const OrtSession* session, size_t index, OrtTypeInfo** type_info);
/* slot 34: */ OrtStatus* SessionGetOutputTypeInfo(const OrtSession* session, size_t index, OrtTypeInfo** type_info);
/* slot 36: */ OrtStatus* SessionGetInputName(const OrtSession* session, size_t index, OrtAllocator* allocator, char** value);
/* slot 37: */ OrtStatus* SessionGetOutputName(const OrtSession* session, size_t index, OrtAllocator* allocator, char** value);
/* slot 39: */ OrtStatus* CreateRunOptions(OrtRunOptions** out);
/* slot 46: */ OrtStatus* RunOptionsSetTerminate(OrtRunOptions* options);
/* slot 47: */ OrtStatus* RunOptionsUnsetTerminate(OrtRunOptions* options);
/* slot 48: */ OrtStatus* CreateTensorAsOrtValue(OrtAllocator* allocator, const int64_t* shape, size_t shape_len, ONNXTensorElementDataType type, OrtValue** out);
/* slot 49: */ OrtStatus* CreateTensorWithDataAsOrtValue(const OrtMemoryInfo* info, void* p_data, size_t p_data_len, const int64_t* shape, size_t shape_len, ONNXTensorElementDataType type, OrtValue** out);
/* slot 50: */ OrtStatus* IsTensor(const OrtValue* value, int* out);
/* slot 51: */ OrtStatus* GetTensorMutableData(OrtValue* value, void** out);
/* slot 55: */ OrtStatus* CastTypeInfoToTensorInfo(const OrtTypeInfo* type_info, const OrtTensorTypeAndShapeInfo** out);
/* slot 56: */ OrtStatus* GetOnnxTypeFromTypeInfo(const OrtTypeInfo* type_info, ONNXType* out);
/* slot 60: */ OrtStatus* GetTensorElementType(const OrtTensorTypeAndShapeInfo* info, ONNXTensorElementDataType* out);
/* slot 61: */ OrtStatus* GetDimensionsCount(const OrtTensorTypeAndShapeInfo* info, size_t* out);
/* slot 62: */ OrtStatus* GetDimensions(const OrtTensorTypeAndShapeInfo* info, int64_t* dim_values, size_t dim_values_length);
/* slot 64: */ OrtStatus* GetTensorShapeElementCount(const OrtTensorTypeAndShapeInfo* info, size_t* out);
/* slot 65: */ OrtStatus* GetTensorTypeAndShape(const OrtValue* value, OrtTensorTypeAndShapeInfo** out);
/* slot 67: */ OrtStatus* GetValueType(const OrtValue* value, ONNXType* out);
/* slot 69: */ OrtStatus* CreateCpuMemoryInfo(OrtAllocatorType type, OrtMemType mem_type, OrtMemoryInfo** out);
/* slot 71: */ OrtStatus* MemoryInfoGetName(const OrtMemoryInfo* ptr, const char** out);
/* slot 72: */ OrtStatus* MemoryInfoGetId(const OrtMemoryInfo* ptr, int* out);
/* slot 76: */ OrtStatus* AllocatorFree(OrtAllocator* ort_allocator, void* p);
/* slot 78: */ OrtStatus* GetAllocatorWithDefaultOptions(OrtAllocator** out);
/* slot 92: */ void ReleaseEnv(OrtEnv* input);
/* slot 93: */ void ReleaseStatus(OrtStatus* input);
/* slot 94: */ void ReleaseMemoryInfo(OrtMemoryInfo* input);
/* slot 95: */ void ReleaseSession(OrtSession* input);
/* slot 96: */ void ReleaseValue(OrtValue* input);
/* slot 97: */ void ReleaseRunOptions(OrtRunOptions* input);
/* slot 98: */ void ReleaseTypeInfo(OrtTypeInfo* input);
/* slot 99: */ void ReleaseTensorTypeAndShapeInfo(OrtTensorTypeAndShapeInfo* input);
/* slot 100: */ void ReleaseSessionOptions(OrtSessionOptions* input);
/* slot 119: */ OrtStatus* CreateEnvWithGlobalThreadPools(OrtLoggingLevel log_severity_level, const char* logid, const OrtThreadingOptions* tp_options, OrtEnv** out);
/* slot 120: */ OrtStatus* DisablePerSessionThreads(OrtSessionOptions* options);
/* slot 121: */ OrtStatus* CreateThreadingOptions(OrtThreadingOptions** out);
/* slot 122: */ void ReleaseThreadingOptions(OrtThreadingOptions* input);
/* slot 125: */ OrtStatus* GetAvailableProviders(char*** out_ptr, int* provider_length);
/* slot 126: */ OrtStatus* ReleaseAvailableProviders(char** ptr, int providers_length);
/* slot 130: */ OrtStatus* AddSessionConfigEntry(OrtSessionOptions* options, const char* config_key, const char* config_value);
/* slot 131: */ OrtStatus* CreateAllocator(const OrtSession* session, const OrtMemoryInfo* mem_info, OrtAllocator** out);
/* slot 132: */ void ReleaseAllocator(OrtAllocator* input);
/* slot 133: */ OrtStatus* RunWithBinding(OrtSession* session, const OrtRunOptions* run_options, const OrtIoBinding* binding_ptr);
/* slot 134: */ OrtStatus* CreateIoBinding(OrtSession* session, OrtIoBinding** out);
/* slot 135: */ void ReleaseIoBinding(OrtIoBinding* input);
/* slot 136: */ OrtStatus* BindInput(OrtIoBinding* binding_ptr, const char* name, const OrtValue* val_ptr);
/* slot 137: */ OrtStatus* BindOutput(OrtIoBinding* binding_ptr, const char* name, const OrtValue* val_ptr);
/* slot 138: */ OrtStatus* BindOutputToDevice(OrtIoBinding* binding_ptr, const char* name, const OrtMemoryInfo* mem_info_ptr);
/* slot 140: */ OrtStatus* GetBoundOutputValues(const OrtIoBinding* binding_ptr, OrtAllocator* allocator, OrtValue*** output, size_t* output_count);
/* slot 141: */ void ClearBoundInputs(OrtIoBinding* binding_ptr);
/* slot 142: */ void ClearBoundOutputs(OrtIoBinding* binding_ptr);
/* slot 147: */ OrtStatus* SetGlobalIntraOpNumThreads(OrtThreadingOptions* tp_options, int intra_op_num_threads);
/* slot 148: */ OrtStatus* SetGlobalInterOpNumThreads(OrtThreadingOptions* tp_options, int inter_op_num_threads);
/* slot 149: */ OrtStatus* SetGlobalSpinControl(OrtThreadingOptions* tp_options, int allow_spinning);
/* slot 165: */ OrtStatus* AddRunConfigEntry(OrtRunOptions* options, const char* config_key, const char* config_value);
/* slot 170: */ OrtStatus* SessionOptionsAppendExecutionProvider_TensorRT_V2(OrtSessionOptions* options, const OrtTensorRTProviderOptionsV2* tensorrt_options);
/* slot 171: */ OrtStatus* CreateTensorRTProviderOptions(OrtTensorRTProviderOptionsV2** out);
/* slot 172: */ OrtStatus* UpdateTensorRTProviderOptions(OrtTensorRTProviderOptionsV2* tensorrt_options, const char* const* provider_options_keys, const char* const* provider_options_values, size_t num_keys);
/* slot 174: */ void ReleaseTensorRTProviderOptions(OrtTensorRTProviderOptionsV2* input);
/* slot 202: */ OrtStatus* SynchronizeBoundInputs(OrtIoBinding* binding_ptr);
/* slot 203: */ OrtStatus* SynchronizeBoundOutputs(OrtIoBinding* binding_ptr);
/* slot 204: */ OrtStatus* SessionOptionsAppendExecutionProvider_CUDA_V2(OrtSessionOptions* options, const OrtCUDAProviderOptionsV2* cuda_options);
/* slot 205: */ OrtStatus* CreateCUDAProviderOptions(OrtCUDAProviderOptionsV2** out);
/* slot 206: */ OrtStatus* UpdateCUDAProviderOptions(OrtCUDAProviderOptionsV2* cuda_options, const char* const* provider_options_keys, const char* const* provider_options_values, size_t num_keys);
/* slot 208: */ void ReleaseCUDAProviderOptions(OrtCUDAProviderOptionsV2* input);
/* slot 216: */ OrtStatus* SessionOptionsAppendExecutionProvider(OrtSessionOptions* options, const char* provider_name, const char* const* provider_options_keys, const char* const* provider_options_values, size_t num_keys);
/* slot 225: */ void MemoryInfoGetDeviceType(const OrtMemoryInfo* ptr, OrtMemoryInfoDeviceType* out);
/* slot 318: */ OrtStatus* GetTensorSizeInBytes(const OrtValue* ort_value, size_t* size);
/* slot 380: */ OrtStatus* SessionGetMemoryInfoForInputs(const OrtSession* session, const OrtMemoryInfo** inputs_memory_info, size_t num_inputs);
/* slot 381: */ OrtStatus* SessionGetMemoryInfoForOutputs(const OrtSession* session, const OrtMemoryInfo** outputs_memory_info, size_t num_outputs);
