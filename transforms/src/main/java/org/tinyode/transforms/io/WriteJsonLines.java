package org.tinyode.transforms.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Writes small aggregate PCollections as one JSON-lines file {@code <path>} (Jackson), which the driver reads
 * back after the run to build the summary tables, the console summary and validity.json.
 */
public final class WriteJsonLines<T> extends PTransform<PCollection<T>, PDone> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String path;

  private WriteJsonLines(String path) {
    this.path = path;
  }

  public static <T> WriteJsonLines<T> to(String path) {
    return new WriteJsonLines<>(path);
  }

  @Override
  public PDone expand(PCollection<T> input) {
    return input
        .apply("ToJson", MapElements.into(TypeDescriptors.strings()).via(WriteJsonLines::json))
        .apply("Write", TextIO.write().to(path).withoutSharding());
  }

  static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + o.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
