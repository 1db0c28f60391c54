/**
 * Guided lessons. Each file in {@code lessons/} is Markdown with a YAML front matter block
 * that names the lesson and the board it runs on; the body is the lesson text. Steps with
 * automatic checks arrive with the lesson engine.
 */
package org.hyplab.lesson;
