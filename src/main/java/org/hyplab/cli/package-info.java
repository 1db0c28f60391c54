/**
 * The headless command line: the same engine as the web UI, for tests, benchmarks and power
 * users. Start reading at {@link org.hyplab.cli.Main}; each command is one class.
 */
package org.hyplab.cli;
