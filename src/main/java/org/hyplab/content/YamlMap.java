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
    /** Where this mapping sits in the file, e.g. {@code gic.} or {@code devices[2].}; empty at the top. */
    private final String path;

    private YamlMap(JsonNode node, String path) {
        this.node = node;
        this.path = path;
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
        return new YamlMap(root, "");
    }

    /** Fails on any key not in {@code allowed}: a misspelt optional field must not pass silently. */
    public YamlMap allowOnly(String... allowed) {
        Set<String> known = Set.of(allowed);
        for (String key : node.propertyNames()) {
            if (!known.contains(key)) {
                throw new ContentException("unknown field '" + path + key + "' (known fields: "
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
            throw new ContentException("field '" + path + key + "' is empty");
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

    /** Whether the field is present (and not null). */
    public boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    /** The field's name as errors give it, with the path of the mapping it is in. */
    public String nameOf(String key) {
        return path + key;
    }

    /** A nested mapping; its errors name fields as {@code key.field}. */
    public YamlMap requireMap(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw missing(key, "a mapping of fields");
        }
        if (!value.isObject()) {
            throw wrong(key, "a mapping of fields", value);
        }
        return new YamlMap(value, path + key + ".");
    }

    /** A non-empty list of mappings; the errors of item i name fields as {@code key[i].field}. */
    public List<YamlMap> requireMapList(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw missing(key, "a list of mappings");
        }
        if (!value.isArray() || value.isEmpty()) {
            throw wrong(key, "a non-empty list of mappings", value);
        }
        List<YamlMap> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                throw new ContentException("field '" + path + key + "[" + i + "]' must be a mapping of fields, found "
                        + kind(item));
            }
            items.add(new YamlMap(item, path + key + "[" + i + "]."));
        }
        return List.copyOf(items);
    }

    /**
     * A whole number from {@code min} to {@code max}, written in decimal, in hex with {@code 0x}
     * (addresses read best that way: {@code 0x1C090000}), or as a size with a binary unit
     * ({@code 64 KiB}, {@code 32 MiB}, {@code 2 GiB}). Underscores may group digits.
     */
    public long requireLong(String key, long min, long max) {
        JsonNode value = node.get(key);
        String expected = "a whole number from " + describe(min) + " to " + describe(max)
                + " (decimal, 0x hex, or a size such as 64 KiB)";
        if (value == null || value.isNull()) {
            throw missing(key, expected);
        }
        Long number = null;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            number = value.longValue();
        } else if (value.isString()) {
            number = parseNumber(value.asString());
        }
        if (number == null || number < min || number > max) {
            throw wrong(key, expected, value);
        }
        return number;
    }

    /**
     * A list of whole numbers, each from {@code min} to {@code max} (decimal or 0x hex); a single
     * number is a list of one; an absent field is the empty list.
     */
    public List<Integer> optionalIntList(String key, int min, int max) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        String expected = "a list of whole numbers from " + min + " to " + max;
        List<JsonNode> items = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(items::add);
        } else {
            items.add(value);
        }
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode item : items) {
            Long number = item.isIntegralNumber() && item.canConvertToLong() ? Long.valueOf(item.longValue())
                    : item.isString() ? parseNumber(item.asString()) : null;
            if (number == null || number < min || number > max) {
                throw wrong(key, expected, value.isArray() ? item : value);
            }
            numbers.add(number.intValue());
        }
        return List.copyOf(numbers);
    }

    /** Like {@link #optionalIntList} but the field must be there and hold at least one number. */
    public List<Integer> requireIntList(String key, int min, int max) {
        if (!has(key)) {
            throw missing(key, "a list of whole numbers from " + min + " to " + max);
        }
        List<Integer> numbers = optionalIntList(key, min, max);
        if (numbers.isEmpty()) {
            throw wrong(key, "a non-empty list of whole numbers from " + min + " to " + max, node.get(key));
        }
        return numbers;
    }

    /** Decimal, 0x hex, or N KiB/MiB/GiB; null when the text is none of these or overflows. */
    static Long parseNumber(String text) {
        String t = text.strip().replace("_", "");
        long unit = t.endsWith("KiB") ? 1L << 10 : t.endsWith("MiB") ? 1L << 20 : t.endsWith("GiB") ? 1L << 30 : 1;
        if (unit != 1) {
            t = t.substring(0, t.length() - 3).strip();
        }
        try {
            long number;
            if (t.startsWith("0x") || t.startsWith("0X")) {
                String digits = t.substring(2);
                if (!digits.matches("[0-9a-fA-F]{1,16}")) {
                    return null;
                }
                number = Long.parseUnsignedLong(digits, 16);
                if (number < 0) {
                    return null;
                }
            } else if (t.matches("[0-9]{1,18}")) {
                number = Long.parseLong(t);
            } else {
                return null;
            }
            return Math.multiplyExact(number, unit);
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private static String describe(long n) {
        return n >= 0x10000 ? "0x" + Long.toHexString(n).toUpperCase() : Long.toString(n);
    }

    private ContentException missing(String key, String expected) {
        return new ContentException("missing field '" + path + key + "' (" + expected + ")");
    }

    private ContentException wrong(String key, String expected, JsonNode found) {
        return new ContentException("field '" + path + key + "' must be " + expected + ", found " + kind(found));
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
