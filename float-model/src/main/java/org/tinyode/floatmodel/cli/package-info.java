/** The picocli {@code train} command (registered by the pipelines launcher). */
package org.tinyode.floatmodel.cli;
