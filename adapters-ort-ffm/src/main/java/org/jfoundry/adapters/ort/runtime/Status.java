package org.jfoundry.adapters.ort.runtime;

import java.lang.foreign.MemorySegment;
import org.jfoundry.adapters.ort.internal.bindings.NativeMemory;
import org.jfoundry.adapters.ort.internal.bindings.OrtApi;

/** The one gate every {@code OrtStatus*} passes: NULL is success, anything else is read, released and thrown. */
final class Status {
    private Status() {
    }

    static void check(long statusAddress, String call) {
        if (statusAddress == 0) {
            return;
        }
        MemorySegment status = NativeMemory.at(statusAddress);
        OrtErrorCode code;
        String message;
        try {
            code = OrtErrorCode.of(OrtApi.GetErrorCode(status));
            message = NativeMemory.string(OrtApi.GetErrorMessage(status));
        } finally {
            OrtApi.ReleaseStatus(status);
        }
        throw new OrtException(call, code, message);
    }
}
