package org.tinyode.floatmodel.train;

/**
 * Hyper-parameters of one training run (float epochs, then QAT epochs).
 *
 * @param epochs float epochs
 * @param batchSize images per step
 * @param lr peak learning rate of the one-cycle schedule
 * @param optimizer sgd (Nesterov momentum 0.9) or adamw
 * @param weightDecay L2 (SGD) or decoupled (AdamW) decay on weights
 * @param labelSmoothing epsilon of the smoothed targets
 * @param warmupFraction share of the steps spent warming up
 * @param seed seed of initialisation, split and augmentation
 * @param qatEpochs QAT fine-tuning epochs (0 = post-training quantization only)
 * @param qatLr peak learning rate of QAT (cosine to 0)
 * @param calibrationBatches batches used to calibrate activation maxima
 */
public record TrainingConfig(int epochs, int batchSize, double lr, Optimizer.Kind optimizer, double weightDecay,
    double labelSmoothing, double warmupFraction, long seed, double qatEpochs, double qatLr,
    int calibrationBatches) {

  public TrainingConfig {
    if (epochs < 0 || batchSize <= 0 || !(lr > 0) || qatEpochs < 0 || labelSmoothing < 0 || labelSmoothing >= 1) {
      throw new IllegalArgumentException("bad training config " + this);
    }
  }
}
