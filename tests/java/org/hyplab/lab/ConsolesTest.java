package org.hyplab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The consoles split the UART's lines by Xen's prefixes, keep their newest text, and go back to a mark. */
class ConsolesTest {

    private static void print(Consoles c, String text) {
        text.chars().forEach(c::put);
    }

    @Test
    void linesGoToTheirDomainAndTheFocusIsFollowed() {
        Consoles c = new Consoles();
        print(c, "(XEN) *** Serial input to DOM2 (type 'CTRL-a' three times to switch input)\r\n(d1) hello\r\n(d12) x\npartial");
        assertEquals(Map.of("hypervisor", "*** Serial input to DOM2 (type 'CTRL-a' three times to switch input)\n",
                "d1", "hello\n", "d12", "x\n"), c.split());
        assertEquals("d2", c.focus());
        assertEquals("(XEN) *** Serial input to DOM2 (type 'CTRL-a' three times to switch input)\n(d1) hello\n(d12) x\npartial",
                c.uart());
    }

    /** Going back after the UART passed its limit: the text printed since the mark is gone, not doubled. */
    @Test
    void goingBackPastTheLimitCutsWhatCameAfter() {
        Consoles c = new Consoles();
        String line = "(d1) " + "x".repeat(94) + "\n";   // 100 characters
        for (int i = 0; i < 3000; i++) {
            print(c, line);                             // 300,000 characters: over the limit
        }
        Consoles.Mark mark = c.mark();
        String uartThen = c.uart();
        String d1Then = c.split().get("d1");
        print(c, "(d1) after the mark\n(d2) new domain\n");
        c.truncate(mark);
        // What came after the mark is gone; the front the limit dropped meanwhile stays dropped.
        assertTrue(uartThen.endsWith(c.uart()), "the UART ends where it ended at the mark");
        assertEquals(uartThen.length() - "(d1) after the mark\n(d2) new domain\n".length(), c.uart().length());
        assertTrue(d1Then.endsWith(c.split().get("d1")));
        assertEquals(null, c.split().get("d2"));
        print(c, "(d1) again\n");
        assertTrue(c.uart().endsWith("x\n(d1) again\n"), "printing goes on from the mark");
        assertTrue(c.split().get("d1").endsWith("x\nagain\n"));
    }
}
