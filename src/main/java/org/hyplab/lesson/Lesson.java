package org.hyplab.lesson;

/**
 * One lesson as {@code lessons/<id>.md} describes it.
 *
 * @param id       the file name without {@code .md}; file names sort lessons into course order
 * @param title    the lesson's title
 * @param summary  what the student will learn, in a sentence or two
 * @param board    the id of the board (a file in {@code boards/}) the lesson runs on
 * @param markdown the lesson text below the front matter
 */
public record Lesson(String id, String title, String summary, String board, String markdown) {
}
