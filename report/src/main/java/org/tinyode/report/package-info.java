/**
 * The report of a run: {@link org.tinyode.report.Report} reads a run folder (the Arrow IPC summary tables, the
 * Parquet divergence table, {@code run_manifest.json}, {@code validity.json}) and writes one self-contained
 * {@code report.html} whose charts are inline SVG (JFreeChart drawn on JFreeSVG). {@code tinyode report} is
 * {@link org.tinyode.report.ReportCommand}; evaluate and compare call {@link org.tinyode.report.Report} at the end
 * of every run. Nothing here runs a pipeline: this package only reads finished runs.
 */
package org.tinyode.report;
