/** The {@code model} command: {@code info} (cost and on-chip budget), {@code check} (verify a weights file),
 * {@code random} (write seeded random weights for timing runs). */
package org.tinyode.model.cli;
