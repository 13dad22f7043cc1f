package org.jfoundry.adapters.modelimport.whisper;

import org.jfoundry.ports.out.ModelConverter;

/** The public entry of this package: the converter from CTranslate2 Whisper folders to the speech engine's folder. */
public final class WhisperConversion {

    private WhisperConversion() {
    }

    public static ModelConverter converter() {
        return new WhisperConverter();
    }
}
