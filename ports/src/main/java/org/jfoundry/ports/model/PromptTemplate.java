package org.jfoundry.ports.model;

/** Foundry's simple prompt template; each part holds a {@code {Content}} placeholder. Any part may be null. */
public record PromptTemplate(String system, String user, String assistant, String prompt) {
    public static final String CONTENT = "{Content}";

    public boolean isEmpty() {
        return system == null && user == null && assistant == null && prompt == null;
    }
}
