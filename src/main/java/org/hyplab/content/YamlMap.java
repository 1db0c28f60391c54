package org.hyplab.content;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A YAML mapping read from a content file, with typed accessors whose errors name the field
 * and say what was expected, so that a typo in a board or lesson file is reported as
 * {@code boards/x.yaml: field 'cpus' must be a whole number from 1 to 8, found "two"}
 * rather than as a parser's stack trace.
 */
public final class YamlMap {

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final JsonNode node;

    private YamlMap(JsonNode node) {
        this.node = node;
    }

    /**
     * Parses {@code text}, which must hold one YAML mapping.
     *
     * @param firstLine the file line {@code text} starts on (1 for a whole file), so that
     *                  syntax errors in a lesson's front matter point at the right line
     */
    public static YamlMap parse(String text, int firstLine) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            int line = at != null && at.getLineNr() > 0 ? at.getLineNr() + firstLine - 1 : 0;
            throw new ContentException(line, "not valid YAML: " + firstLineOf(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ContentException("the file is empty; expected a YAML mapping of fields");
        }
        if (!root.isObject()) {
            throw new ContentException("expected a YAML mapping of fields (name: value), found " + kind(root));
        }
        return new YamlMap(root);
    }

    /** Fails on any key not in {@code allowed}: a misspelt optional field must not pass silently. */
    public YamlMap allowOnly(String... allowed) {
        Set<String> known = Set.of(allowed);
        for (String key : node.propertyNames()) {
            if (!known.contains(key)) {
                throw new ContentException("unknown field '" + key + "' (known fields: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
        return this;
    }

    public String requireText(String key) {
        return optionalText(key).orElseThrow(() -> missing(key, "text"));
    }

    public Optional<String> optionalText(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode() || value.isBoolean()) {
            throw wrong(key, "text", value);
        }
        String text = value.asString().strip();
        if (text.isEmpty()) {
            throw new ContentException("field '" + key + "' is empty");
        }
        return Optional.of(text);
    }

    public int requireInt(String key, int min, int max) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw missing(key, "a whole number from " + min + " to " + max);
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            throw wrong(key, "a whole number from " + min + " to " + max, value);
        }
        return value.intValue();
    }

    /** A list of texts, given either as a YAML list or as one text for a list of one. */
    public List<String> requireTextList(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw missing(key, "a list of texts");
        }
        if (value.isValueNode()) {
            return List.of(requireText(key));
        }
        if (!value.isArray() || value.isEmpty()) {
            throw wrong(key, "a non-empty list of texts", value);
        }
        List<String> texts = new ArrayList<>();
        for (Iterator<JsonNode> it = value.iterator(); it.hasNext(); ) {
            JsonNode item = it.next();
            if (!item.isValueNode() || item.isNull() || item.asString().isBlank()) {
                throw wrong(key, "a list of texts", value);
            }
            texts.add(item.asString().strip());
        }
        return List.copyOf(texts);
    }

    private ContentException missing(String key, String expected) {
        return new ContentException("missing field '" + key + "' (" + expected + ")");
    }

    private ContentException wrong(String key, String expected, JsonNode found) {
        return new ContentException("field '" + key + "' must be " + expected + ", found " + kind(found));
    }

    private static String kind(JsonNode value) {
        if (value.isObject()) return "a mapping";
        if (value.isArray()) return "a list";
        if (value.isBoolean()) return "the boolean " + value.asString();
        if (value.isNumber()) return "the number " + value.asString();
        return "\"" + value.asString() + "\"";
    }

    private static String firstLineOf(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
