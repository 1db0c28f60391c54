/**
 * The server application: start reading at {@link org.hyplab.app.HypLab}, the {@code main}
 * that {@code ./hyplab serve} runs. It reads the options, opens the database, loads the boards
 * and lessons into an {@link org.hyplab.app.AppContext} and starts Vaadin on embedded Jetty.
 */
package org.hyplab.app;
