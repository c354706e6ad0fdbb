package org.tinyode.pipelines;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Options shared by {@code evaluate} and {@code compare}. Defaults point at the bundled CIFAR-10 sample and the
 * shipped model, so the README command needs no flags. Relative paths are resolved against the working directory,
 * then against the project root ({@code -Dtinyode.root}, set by the launcher).
 */
public interface TinyOdeOptions extends PipelineOptions {

  @Description("Dataset path: an STL-10 binary folder, a CIFAR-10 binary folder, an image folder or a .tar/.tar.gz "
      + "of one (see datasets/README.md)")
  @Default.String("samples/cifar10")
  String getDataset();

  void setDataset(String value);

  @Description("Dataset format: stl10, cifar10 or folder; empty = auto-detect")
  @Default.String("")
  String getFormat();

  void setFormat(String value);

  @Description("Dataset split")
  @Default.String("test")
  String getSplit();

  void setSplit(String value);

  @Description("Evaluate only the first N selected examples (index order); 0 = all")
  @Default.Integer(0)
  int getLimit();

  void setLimit(int value);

  @Description("Evaluate only these classes (comma-separated class names); empty = all")
  @Default.String("")
  String getClasses();

  void setClasses(String value);

  @Description("Number of shards of the shard manifest (contiguous runs of the selected indices); predictions do "
      + "not depend on it")
  @Default.Integer(1)
  int getShards();

  void setShards(int value);

  @Description("Examples per batch, cut per shard in index order (deterministic: batches never depend on the "
      + "runner)")
  @Default.Integer(32)
  int getBatchSize();

  void setBatchSize(int value);

  @Description("Work groups the batches are spread over (a few large bundles per runner worker); 0 = the number "
      + "of available processors (at least 2)")
  @Default.Integer(0)
  int getWorkGroups();

  void setWorkGroups(int value);

  @Description("Quantized model for the golden and fpga backends: a safetensors file, or random:<preset>[:<seed>] "
      + "for seeded random weights (timing only)")
  @Default.String("models/cifar10-ode.quant.safetensors")
  String getModel();

  void setModel(String value);

  @Description("Float model for the software backend: a safetensors file (float or quantized), or "
      + "random:<preset>[:<seed>]")
  @Default.String("models/cifar10-ode.float.safetensors")
  String getFloatModel();

  void setFloatModel(String value);

  @Description("Engine of the software backend: pytorch (DJL float network) or onnxruntime (the exported ONNX graph "
      + "on DJL's OnnxRuntime engine, docs/onnx.md)")
  @Default.String("pytorch")
  String getEngine();

  void setEngine(String value);

  @Description("Boards for the fpga backend: 'embedded' (local emulated agents in-process on 127.0.0.1), "
      + "'embedded:<n>', or host:port,host:port,...")
  @Default.String("embedded")
  String getBoards();

  void setBoards(String value);

  @Description("Folder with the bearer token ('token') and TLS trust ('ca.pem') for remote boards")
  @Default.String("")
  String getBoardAuth();

  void setBoardAuth(String value);

  @Description("Output folder; empty = results/runs/<UTC timestamp>")
  @Default.String("")
  String getOutput();

  void setOutput(String value);

  @Description("Seed of the bootstrap confidence interval")
  @Default.Long(20240105L)
  long getSeed();

  void setSeed(long value);

  @Description("Bootstrap replicates for the accuracy confidence interval")
  @Default.Integer(1000)
  int getBootstrapReplicates();

  void setBootstrapReplicates(int value);

  @Description("Largest fraction of selected examples that may fail (dead letters) with the run still VALID")
  @Default.Double(0.0)
  double getMaxFailureRate();

  void setMaxFailureRate(double value);

  @Description("Energy of CPU stages: auto (RAPL when readable, else modeled), rapl or modeled")
  @Default.String("auto")
  String getEnergySource();

  void setEnergySource(String value);

  @Description("Modeled power of one busy host CPU core in watts (used when RAPL is not readable)")
  @Default.Double(15.0)
  double getCpuWattsPerCore();

  void setCpuWattsPerCore(double value);

  @Description("sysfs root where RAPL is looked for")
  @Default.String("/sys")
  String getSysfsRoot();

  void setSysfsRoot(String value);

  @Description("Print progress every N seconds while the pipeline runs (DirectRunner: Beam counters; FlinkRunner: "
      + "examples answered by workers in this JVM, so [local] only); 0 = off")
  @Default.Integer(5)
  int getProgressSeconds();

  void setProgressSeconds(int value);
}
