/**
 * The web UI (Vaadin). Start reading at {@link org.hyplab.ui.LabHomeView}, the page at
 * {@code /}. Views only read what the layers below them produce; nothing below imports this
 * package. Custom visual parts are Lit components in {@code src/main/frontend/components/},
 * each wrapped by one Java class here (e.g. {@link org.hyplab.ui.BoardDiagram}).
 */
package org.hyplab.ui;
