/**
 * Mergeable aggregations of per-example results (Beam CombineFns): accuracy with a seeded Poisson bootstrap,
 * per-class accuracy and confusion; latency histograms (HdrHistogram) per backend and stage; mean energy per
 * stage; agreement (McNemar) and divergence for compare. Results do not depend on how the runner bundles.
 */
package org.tinyode.transforms.stats;
