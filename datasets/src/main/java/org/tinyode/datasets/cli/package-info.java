/**
 * The {@code dataset} command line (picocli): {@link org.tinyode.datasets.cli.DatasetCommand} with the
 * {@code inspect}, {@code convert} and {@code shards} subcommands. Only argument parsing and printing live here;
 * the work is done by {@code org.tinyode.datasets}.
 */
package org.tinyode.datasets.cli;
