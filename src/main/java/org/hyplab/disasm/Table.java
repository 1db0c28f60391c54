package org.hyplab.disasm;

import java.util.ArrayList;
import java.util.List;

/**
 * An ordered list of rules, searched first to last, with the rules pre-sorted into 16 buckets by
 * bits 27:24 of the word so that a search only looks at rules that could match. The order within
 * a bucket is the table's order, so the first match is the same as in a plain linear search.
 */
final class Table {

    private final Rule[][] buckets = new Rule[16][];

    Table(Rule[]... parts) {
        List<Rule> all = new ArrayList<>();
        for (Rule[] part : parts) {
            all.addAll(List.of(part));
        }
        for (int b = 0; b < 16; b++) {
            int bits = b << 24;
            List<Rule> bucket = new ArrayList<>();
            for (Rule rule : all) {
                int m = rule.mask() & 0x0f000000;
                if ((bits & m) == (rule.value() & m)) {
                    bucket.add(rule);
                }
            }
            buckets[b] = bucket.toArray(new Rule[0]);
        }
    }

    /**
     * The first matching rule, or null. An unconditional word (cond = 1111) only matches rows
     * whose mask covers the condition field (ARM ARM A5.7: a separate encoding space).
     */
    Rule match(int word) {
        boolean unconditional = (word >>> 28) == 0xf;
        for (Rule rule : buckets[(word >>> 24) & 15]) {
            int mask = unconditional ? rule.mask() | 0xf0000000 : rule.mask();
            if ((word & mask) == rule.value()) {
                return rule;
            }
        }
        return null;
    }

    /** The first matching rule's text, or null when none matches. */
    String decode(int word, int address) {
        Rule rule = match(word);
        return rule == null ? null : rule.print(word, address);
    }
}
