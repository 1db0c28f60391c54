/**
 * A Lab session: one user's machine (a board, the hypervisor and guests, or a bare-metal
 * program), driven by the {@link org.hyplab.debug.Debugger} on a shared worker, with its
 * consoles. The UI shows sessions; nothing here knows the UI.
 */
package org.hyplab.lab;
