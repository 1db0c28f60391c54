/**
 * Reading the project's content folders ({@code boards/}, {@code lessons/}) into catalogs.
 *
 * <p>Start at {@link org.hyplab.content.ContentFolder}: it reads every file of a folder with a
 * per-format reader and never lets one bad file stop the others. What could not be read
 * becomes a {@link org.hyplab.content.LoadProblem} naming the file and the fault, which the
 * server prints at start and the Lab page shows.
 */
package org.hyplab.content;
