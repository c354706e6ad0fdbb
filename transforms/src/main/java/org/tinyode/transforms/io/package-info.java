/**
 * Output tables: Avro schemas of every table (documented in results/SCHEMA.md), Parquet through ParquetIO with
 * the standard 3-level list layout, Arrow IPC files of the summary tables, and JSON lines that carry aggregates
 * from the pipeline back to the driver.
 */
package org.tinyode.transforms.io;
