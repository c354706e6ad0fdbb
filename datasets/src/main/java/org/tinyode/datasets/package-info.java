/**
 * Dataset readers and writers, pure Java (no Beam, no DJL): the {@link org.tinyode.datasets.ImageDataset}
 * interface, readers for image folders / .tar(.gz) archives, the official STL-10 and CIFAR-10 binary layouts,
 * an STL-10 binary writer, shard manifests, and the typed {@link org.tinyode.datasets.DatasetException}.
 * Open anything with {@link org.tinyode.datasets.Datasets#open}.
 */
package org.tinyode.datasets;
