package org.jfoundry.adapters.ort.constraint;

import org.jfoundry.ports.inference.ResponseFormat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jfoundry.adapters.ort.constraint.SchemaKit.accepts;
import static org.jfoundry.adapters.ort.constraint.SchemaKit.acceptsPrefix;
import static org.jfoundry.adapters.ort.constraint.SchemaKit.automaton;
import static org.jfoundry.adapters.ort.constraint.SchemaKit.map;

class SchemaAutomatonTest {

    private static final SchemaAutomaton PERSON = automaton(map("""
            {"type":"object","properties":{"name":{"type":"string","maxLength":5},
              "age":{"type":"integer","minimum":0,"maximum":120},"nick":{"type":"string"}},
             "required":["name","age"],"additionalProperties":false}"""));

    private static final SchemaAutomaton JSON_OBJECT = SchemaAutomaton.compile(
            ((ResponseFormat.JsonSchemaFormat) ResponseFormat.JSON_OBJECT).schema(), SchemaKit.VOCABULARY);

    @Test
    void declaredPropertiesComeInOrderAndRequiredOnesCannotBeLeftOut() {
        assertThat(accepts(PERSON, "{\"name\":\"Ann\",\"age\":31}")).isTrue();
        assertThat(accepts(PERSON, "{ \"name\" : \"Ann\" ,\n  \"age\": 31, \"nick\":\"a\"\n}")).isTrue();
        assertThat(acceptsPrefix(PERSON, "{\"age\"")).as("name is required first").isFalse();
        assertThat(acceptsPrefix(PERSON, "{\"name\":\"Ann\"}")).as("age is required").isFalse();
        assertThat(acceptsPrefix(PERSON, "{\"name\":\"Ann\",\"other\"")).isFalse();
    }

    @Test
    void stringLengthsCountCodePointsAndEscapes() {
        assertThat(accepts(PERSON, "{\"name\":\"日本é😀\\n\",\"age\":1}")).isTrue();
        assertThat(acceptsPrefix(PERSON, "{\"name\":\"abcdef")).isFalse();
        assertThat(acceptsPrefix(PERSON, "{\"name\":\"\\ud83d")).as("surrogate escapes").isFalse();
        assertThat(acceptsPrefix(PERSON, "{\"name\":\"a\nb")).as("raw control characters").isFalse();
    }

    @Test
    void integerBoundsRefuseEveryDigitThatCannotEndWithinThem() {
        assertThat(accepts(PERSON, "{\"name\":\"a\",\"age\":120}")).isTrue();
        assertThat(acceptsPrefix(PERSON, "{\"name\":\"a\",\"age\":121")).isFalse();
        assertThat(acceptsPrefix(PERSON, "{\"name\":\"a\",\"age\":-")).isFalse();
        assertThat(acceptsPrefix(PERSON, "{\"name\":\"a\",\"age\":1.")).isFalse();
        assertThat(acceptsPrefix(PERSON, "{\"name\":\"a\",\"age\":01")).isFalse();
        SchemaAutomaton negative = automaton(map("{\"type\":\"integer\",\"minimum\":-20,\"maximum\":-5}"));
        assertThat(accepts(negative, "-20")).isTrue();
        assertThat(accepts(negative, "-2")).as("-2 is above -5").isFalse();
        assertThat(acceptsPrefix(negative, "-2")).as("but -20 starts so").isTrue();
        assertThat(acceptsPrefix(negative, "-3")).isFalse();
    }

    @Test
    void enumsConstsAndAnyOfAllowExactlyTheirValues() {
        SchemaAutomaton schema = automaton(map("""
                {"type":"object","properties":{"kind":{"enum":["a","ab",1,null,true]},
                 "fixed":{"const":"x\\"y"},"either":{"anyOf":[{"type":"string","maxLength":1},{"type":"null"}]}},
                 "required":["kind","fixed","either"]}"""));
        assertThat(accepts(schema, "{\"kind\":\"ab\",\"fixed\":\"x\\\"y\",\"either\":null}")).isTrue();
        assertThat(accepts(schema, "{\"kind\":1,\"fixed\":\"x\\\"y\",\"either\":\"q\"}")).isTrue();
        assertThat(acceptsPrefix(schema, "{\"kind\":12")).isFalse();
        assertThat(acceptsPrefix(schema, "{\"kind\":\"abc")).isFalse();
        assertThat(acceptsPrefix(schema, "{\"kind\":\"a\",\"fixed\":\"xy")).isFalse();
        assertThat(acceptsPrefix(schema, "{\"kind\":\"a\",\"fixed\":\"x\\\"y\",\"either\":\"qq")).isFalse();
    }

    @Test
    void arraysKeepTheirItemCounts() {
        SchemaAutomaton schema = automaton(map("{\"type\":\"array\",\"items\":{\"type\":\"boolean\"},"
                + "\"minItems\":1,\"maxItems\":2}"));
        assertThat(accepts(schema, "[true]")).isTrue();
        assertThat(accepts(schema, "[true, false]")).isTrue();
        assertThat(acceptsPrefix(schema, "[]")).isFalse();
        assertThat(acceptsPrefix(schema, "[true,false,")).isFalse();
    }

    @Test
    void recursiveDefinitionsNest() {
        SchemaAutomaton tree = automaton(map("""
                {"$defs":{"node":{"type":"object","properties":{"v":{"type":"integer"},
                  "kids":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["v"]}},
                 "$ref":"#/$defs/node"}"""));
        assertThat(accepts(tree, "{\"v\":1,\"kids\":[{\"v\":2,\"kids\":[{\"v\":3}]},{\"v\":4}]}")).isTrue();
        assertThat(acceptsPrefix(tree, "{\"v\":1,\"kids\":[{\"kids\"")).isFalse();
    }

    @Test
    void jsonObjectModeTakesAnyObjectAndNothingAfterIt() {
        assertThat(accepts(JSON_OBJECT, "{\"a\":[1,-2.5,{\"b\":null}],\"c\":\"\\u00e9\",\"d\":true}")).isTrue();
        assertThat(acceptsPrefix(JSON_OBJECT, "[")).isFalse();
        assertThat(acceptsPrefix(JSON_OBJECT, " {")).as("nothing before the value").isFalse();
        assertThat(acceptsPrefix(JSON_OBJECT, "{} ")).as("nothing after it").isFalse();
        assertThat(acceptsPrefix(JSON_OBJECT, "{\n" + " ".repeat(Frame.MAX_WHITESPACE_RUN))).isTrue();
        assertThat(acceptsPrefix(JSON_OBJECT, "{" + " ".repeat(Frame.MAX_WHITESPACE_RUN + 1))).isFalse();
        assertThat(acceptsPrefix(JSON_OBJECT, "{\n\n")).as("one newline per gap").isFalse();
        assertThat(acceptsPrefix(JSON_OBJECT, "{ \n")).as("no trailing spaces").isFalse();
        assertThat(acceptsPrefix(JSON_OBJECT, "{\t")).as("tabs and carriage returns are not written").isFalse();
        ConstrainedOutput closed = JSON_OBJECT.start();
        closed.acceptText("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(closed.isFinished()).isTrue();
    }

    @Test
    void theEndTokenIsAllowedOnlyOnceTheValueIsWhole() {
        ConstrainedOutput number = automaton(map("{\"type\":\"number\"}")).start();
        assertThat(number.test(SchemaKit.END)).isFalse();
        number.acceptText("12".getBytes(StandardCharsets.UTF_8));
        assertThat(number.test(SchemaKit.END)).isTrue();
        assertThat(number.isFinished()).as("more digits may follow").isFalse();
        number.acceptText(".".getBytes(StandardCharsets.UTF_8));
        assertThat(number.test(SchemaKit.END)).isFalse();
    }

    @Test
    void masksAgreeWithWalkingEachTokensBytes() {
        ConstrainedOutput cursor = PERSON.start();
        cursor.acceptText("{\"name\":\"A".getBytes(StandardCharsets.UTF_8));
        AutomatonState state = stateOf(cursor);
        long[] mask = PERSON.mask(state);
        for (int id = 0; id < SchemaKit.VOCABULARY.size(); id++) {
            byte[] bytes = SchemaKit.VOCABULARY.bytes[id];
            boolean walked = bytes.length > 0 && !PERSON.walk(state, bytes).isDead();
            assertThat((mask[id >>> 6] & 1L << id) != 0).as("token %d", id).isEqualTo(walked);
        }
        assertThat(PERSON.mask(state)).as("cached").isSameAs(mask);
    }

    @Test
    void aLongStringSharesOneMaskAwayFromItsBoundsAndStillEndsAtMaxLength() {
        SchemaAutomaton text = automaton(map("{\"type\":\"string\",\"minLength\":2,\"maxLength\":60}"));
        ConstrainedOutput cursor = text.start();
        cursor.acceptText("\"abcdefghij".getBytes(StandardCharsets.UTF_8));
        long[] atTen = text.mask(stateOf(cursor));
        cursor.acceptText("klmnopqrst".getBytes(StandardCharsets.UTF_8));
        AutomatonState atTwenty = stateOf(cursor);

        assertThat(text.mask(atTwenty)).isSameAs(atTen);
        for (int id = 0; id < SchemaKit.VOCABULARY.size(); id++) {
            byte[] bytes = SchemaKit.VOCABULARY.bytes[id];
            boolean walked = bytes.length > 0 && !text.walk(atTwenty, bytes).isDead();
            assertThat((atTen[id >>> 6] & 1L << id) != 0).as("token %d", id).isEqualTo(walked);
        }
        cursor.acceptText("x".repeat(40).getBytes(StandardCharsets.UTF_8));
        assertThat(cursor.acceptText("y".getBytes(StandardCharsets.UTF_8))).as("past maxLength").isFalse();
        assertThat(cursor.acceptText("\"".getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void pastItsStateBoundTheAutomatonStartsOverAndStillWritesValidJson() throws Exception {
        java.util.Map<String, Object> schema = map("{\"type\":\"object\"}");
        SchemaAutomaton small = new SchemaAutomaton(SchemaCompiler.compile(
                org.jfoundry.ports.inference.JsonSchema.parse(schema, "response_format")), SchemaKit.VOCABULARY, 64);

        SchemaAutomaton large = automaton(schema);

        int complete = 0;
        for (long seed = 1; seed <= 20; seed++) {
            SchemaKit.Walk walk = SchemaKit.randomWalk(small, seed, 400);
            assertThat(walk).as("the same choices as without a bound").isEqualTo(SchemaKit.randomWalk(large, seed, 400));
            assertThat(small.internedStates()).isLessThanOrEqualTo(64);
            if (walk.complete()) {
                complete++;
                assertThat(SchemaKit.violations(schema, walk.text())).as(walk.text()).isEmpty();
            }
        }
        assertThat(complete).isPositive();
    }

    private static AutomatonState stateOf(ConstrainedOutput cursor) {
        try {
            var field = ConstrainedOutput.class.getDeclaredField("state");
            field.setAccessible(true);
            return (AutomatonState) field.get(cursor);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
