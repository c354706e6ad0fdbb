package org.tinyode.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyode.transforms.LocalProgress;

class ProgressTest {
  @Test
  void localLineCountsOnlyWhatWasAnsweredSinceTheBaseline() {
    LocalProgress.answered("progress-test-a", 5);
    Map<String, Long> base = LocalProgress.snapshot();
    assertTrue(Progress.localLine(base, 2, 100).contains("running (no worker in this JVM has answered yet"));
    LocalProgress.answered("progress-test-a", 3);
    String line = Progress.localLine(base, 4, 100);
    assertTrue(line.startsWith("progress 4s:"), line);
    assertTrue(line.contains("progress-test-a_answered=3"), line);
    assertTrue(line.endsWith(" of 100 per backend"), line);
  }

  @Test
  void watchPrintsWhileOpenAndStopsWhenClosed() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (Progress.Watch w = Progress.watchLocal(1, 10, out)) {
      LocalProgress.answered("progress-test-b", 4);
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (!bytes.toString(StandardCharsets.UTF_8).contains("progress-test-b_answered=4")
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("progress-test-b_answered=4 of 10 per backend"), printed);
    Thread.sleep(2_500);
    assertEquals(printed, bytes.toString(StandardCharsets.UTF_8), "no line after close");
  }

  @Test
  void noWatchWhenProgressIsOff() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Progress.Watch w = Progress.watchLocal(0, 10, new PrintStream(bytes))) {
      LocalProgress.answered("progress-test-c", 1);
    }
    assertEquals(0, bytes.size());
  }
}
