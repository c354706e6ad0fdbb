/** Copying DJL parameters to and from TinyODE safetensors weights files (PyTorch state_dict names). */
package org.tinyode.floatmodel.weights;
