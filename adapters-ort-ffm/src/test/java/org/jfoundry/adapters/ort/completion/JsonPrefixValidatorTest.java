package org.jfoundry.adapters.ort.completion;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class JsonPrefixValidatorTest {

    private static JsonPrefixValidator fed(String text) {
        JsonPrefixValidator validator = new JsonPrefixValidator();
        validator.acceptAll(text.getBytes(StandardCharsets.UTF_8));
        return validator;
    }

    private static boolean validPrefix(String text) {
        return new JsonPrefixValidator().acceptAll(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}", " \n\t\r{}", "{\"a\":1}", "{ \"a\" : [1, -2.5e+3, 0, 0.25, 1E9, true, false, null] }",
            "{\"nested\":{\"deeper\":{\"list\":[[],{},[{}]]}}}", "{\"esc\":\"q\\\"b\\\\s\\/n\\n\\t\\r\\b\\f\"}",
            "{\"u\":\"\\u00e9\\uD83D\\uDE00\"}", "{\"utf8\":\"é漢😀\"}", "{\"a\":1}  \n", "{\"k\":-0}",
            "{\"a\":\"\",\"b\":[ ],\"c\":{ }}"})
    void wholeObjectsAreAcceptedAndComplete(String json) {
        JsonPrefixValidator validator = new JsonPrefixValidator();

        assertThat(validator.acceptAll(json.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(validator.isComplete()).isTrue();
    }

    @Test
    void everyPrefixOfAnObjectIsAcceptedButOnlyTheWholeIsComplete() {
        String json = "{\"name\": \"x\\u0041y\", \"n\": [1.5e-2, -7, {\"t\": true}], \"z\": null}";
        for (int end = 0; end < json.length(); end++) {
            JsonPrefixValidator validator = fed(json.substring(0, end));
            assertThat(validPrefix(json.substring(0, end))).as(json.substring(0, end)).isTrue();
            assertThat(validator.isComplete()).as(json.substring(0, end)).isFalse();
        }
        assertThat(fed(json).isComplete()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[", "\"a\"", "1", "true", "null", "x", "{]", "{\"a\" 1", "{\"a\":1 \"b\"", "{,",
            "{\"a\":1,}", "{\"a\":[1,]", "{\"a\":01", "{\"a\":1.}", "{\"a\":1.e5", "{\"a\":-}", "{\"a\":1e}",
            "{\"a\":tru}", "{\"a\":nul1", "{\"a\":\"\\x\"", "{\"a\":\"\\u12G4\"", "{\"a\":[}", "{\"a\":{]",
            "{}x", "{}{}", "{a:1}", "{\"a\":'b'}", "{\"a\":+1}", "{\"a\":.5}"})
    void invalidTextIsRefused(String text) {
        assertThat(validPrefix(text)).as(text).isFalse();
    }

    @Test
    void rawControlCharactersInStringsAreRefused() {
        assertThat(validPrefix("{\"a\":\"line\nbreak")).isFalse();
        assertThat(validPrefix("{\"a\":\"tab\t")).isFalse();
        assertThat(validPrefix("{\"a\":\"escaped\\n")).isTrue();
    }

    @Test
    void malformedUtf8InStringsIsRefusedAndBytesOutsideStringsToo() {
        assertThat(new JsonPrefixValidator().acceptAll(new byte[]{'{', '"', (byte) 0x80})).isFalse();
        assertThat(new JsonPrefixValidator().acceptAll(new byte[]{'{', '"', (byte) 0xC3, 'a'})).isFalse();
        assertThat(new JsonPrefixValidator().acceptAll(new byte[]{'{', '"', (byte) 0xC3})).isTrue();
        assertThat(new JsonPrefixValidator().acceptAll(new byte[]{'{', (byte) 0xC3, (byte) 0xA9})).isFalse();
    }

    @Test
    void aRefusedByteLeavesTheValidatorFailed() {
        JsonPrefixValidator validator = new JsonPrefixValidator();

        assertThat(validator.acceptAll("{x".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(validator.accept((byte) '}')).isFalse();
        assertThat(validator.isComplete()).isFalse();
    }

    @Test
    void aNumberEndsAtTheCloserThatFollowsIt() {
        assertThat(fed("{\"a\":12}").isComplete()).isTrue();
        assertThat(fed("{\"a\":[0.5]}").isComplete()).isTrue();
        assertThat(fed("{\"a\":true}").isComplete()).isTrue();
        assertThat(fed("{\"a\":12").isComplete()).isFalse();
    }

    @Test
    void aCopyContinuesIndependentlyOfTheOriginal() {
        JsonPrefixValidator original = fed("{\"a\":[{\"b\":");
        JsonPrefixValidator copy = original.copy();

        assertThat(copy.acceptAll("1}]}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(copy.isComplete()).isTrue();
        assertThat(original.isComplete()).isFalse();
        assertThat(original.acceptAll("\"s\"}]}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(original.isComplete()).isTrue();
    }

    @Test
    void copyFromResetsAScratchValidatorToAnotherState() {
        JsonPrefixValidator scratch = fed("{\"x\":{\"y\":[");
        JsonPrefixValidator shallow = fed("{\"k\":");

        scratch.copyFrom(shallow);

        assertThat(scratch.acceptAll("]".getBytes(StandardCharsets.UTF_8))).isFalse();
        scratch.copyFrom(shallow);
        assertThat(scratch.acceptAll("0}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(scratch.isComplete()).isTrue();
    }

    @Test
    void deepNestingGrowsTheStack() {
        String json = "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}";

        assertThat(fed(json).isComplete()).isTrue();
        JsonPrefixValidator scratch = new JsonPrefixValidator();
        scratch.copyFrom(fed("{\"a\":" + "[".repeat(50)));
        assertThat(scratch.acceptAll(("]".repeat(50) + "}").getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(scratch.isComplete()).isTrue();
    }

    @Test
    void trailingWhitespaceCountsOnlyWhitespaceBetweenJsonTokens() {
        assertThat(fed("  \n").trailingWhitespace()).isEqualTo(3);
        assertThat(fed("{ \"a\" :\t\n").trailingWhitespace()).isEqualTo(2);
        assertThat(fed("{\"a   ").trailingWhitespace()).isZero();
        assertThat(fed("{\"a\":1  ").trailingWhitespace()).isEqualTo(2);
        assertThat(fed("{\"a\":1  }").trailingWhitespace()).isZero();
        JsonPrefixValidator scratch = new JsonPrefixValidator();
        scratch.copyFrom(fed("{   "));
        assertThat(scratch.trailingWhitespace()).isEqualTo(3);
    }
}
