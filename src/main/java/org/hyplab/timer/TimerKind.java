package org.hyplab.timer;

/**
 * Which timer fired, for a {@link TimerListener}: one of a CPU's three generic timers (ARM ARM
 * B8.1.5), each on its PPI, or a board timer (SP804, Exynos MCT) on its SPI.
 */
public enum TimerKind {
    /** CNTP_*: compares CNTPCT, PPI 30. */
    PHYSICAL("physical timer (CNTP)", GenericTimer.PHYSICAL_ID),
    /** CNTV_*: compares CNTVCT = CNTPCT − CNTVOFF, PPI 27. */
    VIRTUAL("virtual timer (CNTV)", GenericTimer.VIRTUAL_ID),
    /** CNTHP_*: the Hyp timer, compares CNTPCT, PPI 26. */
    HYP("Hyp timer (CNTHP)", GenericTimer.HYP_ID),
    /** A board's memory-mapped timer; its interrupt ID is the board's. */
    BOARD("board timer", -1);

    /** In words, for the Lab. */
    public final String words;
    /** The generic timer's PPI, or -1 for a board timer. */
    public final int interruptId;

    TimerKind(String words, int interruptId) {
        this.words = words;
        this.interruptId = interruptId;
    }
}
