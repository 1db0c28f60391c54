package org.hyplab.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class YamlMapTest {

    private static ContentException fails(String yaml, java.util.function.Consumer<YamlMap> use) {
        return assertThrows(ContentException.class, () -> use.accept(YamlMap.parse(yaml, 1)));
    }

    @Test
    void typedFieldsAreRead() {
        YamlMap map = YamlMap.parse("name: A board\ncpus: 2\nlist: [a, b]\none: c\n", 1);
        assertEquals("A board", map.requireText("name"));
        assertEquals(2, map.requireInt("cpus", 1, 4));
        assertEquals(List.of("a", "b"), map.requireTextList("list"));
        assertEquals(List.of("c"), map.requireTextList("one"));
        assertEquals(Optional.empty(), map.optionalText("absent"));
    }

    @Test
    void syntaxErrorsCarryTheFileLine() {
        ContentException e = fails("name: ok\ncpus: [1, 2\nother: x\n", m -> { });
        assertTrue(e.getMessage().startsWith("not valid YAML: "), e.getMessage());
        assertTrue(e.line() >= 2, "line " + e.line());
        // The same text starting on line 10 of a file is reported 9 lines further down.
        ContentException shifted = assertThrows(ContentException.class,
                () -> YamlMap.parse("name: ok\ncpus: [1, 2\nother: x\n", 10));
        assertEquals(e.line() + 9, shifted.line());
    }

    @Test
    void duplicateKeysAreRefused() {
        ContentException e = fails("name: a\nname: b\n", m -> { });
        assertTrue(e.getMessage().contains("name"), e.getMessage());
        assertEquals(2, e.line());
    }

    @Test
    void wrongShapesAreNamed() {
        assertEquals("the file is empty; expected a YAML mapping of fields", fails("", m -> { }).getMessage());
        assertEquals("expected a YAML mapping of fields (name: value), found a list",
                fails("- a\n- b\n", m -> { }).getMessage());
        assertEquals("missing field 'name' (text)", fails("cpus: 2\n", m -> m.requireText("name")).getMessage());
        assertEquals("field 'cpus' must be a whole number from 1 to 4, found \"two\"",
                fails("cpus: two\n", m -> m.requireInt("cpus", 1, 4)).getMessage());
        assertEquals("field 'cpus' must be a whole number from 1 to 4, found the number 9",
                fails("cpus: 9\n", m -> m.requireInt("cpus", 1, 4)).getMessage());
        assertEquals("field 'name' must be text, found a mapping",
                fails("name: {a: 1}\n", m -> m.requireText("name")).getMessage());
        assertEquals("field 'name' is empty", fails("name: '  '\n", m -> m.requireText("name")).getMessage());
        assertEquals("field 'list' must be a non-empty list of texts, found a list",
                fails("list: []\n", m -> m.requireTextList("list")).getMessage());
    }

    @Test
    void unknownFieldsAreReportedWithTheKnownOnes() {
        ContentException e = fails("name: a\ncpu: x\n", m -> m.allowOnly("name", "cpus"));
        assertEquals("unknown field 'cpu' (known fields: cpus, name)", e.getMessage());
    }
}
