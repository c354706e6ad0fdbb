/** Training: in-memory images, augmentation, optimizer, schedule, epochs, checkpoints, metrics, evaluation. */
package org.tinyode.floatmodel.train;
