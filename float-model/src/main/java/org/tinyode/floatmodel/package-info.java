/**
 * Float software model of TinyODE on DJL (PyTorch engine): inference from safetensors weights
 * ({@link org.tinyode.floatmodel.FloatModel}), training and quantization-aware training. Sub-packages: {@code nn}
 * (blocks), {@code quant} (fake-quant of docs/fixed-point.md), {@code weights} (state_dict I/O), {@code train}
 * (training loop), {@code cli} (the {@code train} command). Depends on datasets and model; never on Beam.
 */
package org.tinyode.floatmodel;
