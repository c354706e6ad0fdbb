/**
 * Throughput benchmarks (JMH) of the golden integer model ({@code org.tinyode.model.golden}) against the DJL float
 * model on the same preset and batch size: {@link org.tinyode.floatmodel.bench.GoldenVsFloatJmh} (the JMH
 * benchmarks) and {@link org.tinyode.floatmodel.bench.GoldenVsFloatBench} (runs them side by side in repeated
 * rounds and prints the ratio table and a per-stage profile). Timing only: random weights and images.
 */
package org.tinyode.floatmodel.bench;
