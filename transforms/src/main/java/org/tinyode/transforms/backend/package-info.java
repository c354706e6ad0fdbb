/**
 * The backend seam: {@link org.tinyode.transforms.backend.Backend} runs a batch of examples and reports per
 * example the prediction, per-stage latency and energy with provenance. Implementations only adapt: {@code golden}
 * wraps {@code org.tinyode.model.golden.GoldenModel}, {@code software} the DJL {@code FloatModel}, {@code fpga} a
 * {@code BoardPool} of board agents. {@link org.tinyode.transforms.backend.SharedBackends} keeps one loaded
 * backend per JVM and spec, shared by every DoFn instance.
 */
package org.tinyode.transforms.backend;
