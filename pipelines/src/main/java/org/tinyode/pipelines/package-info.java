/**
 * Command-line entry points: {@link org.tinyode.pipelines.TinyOde} registers every module's command, and the
 * Beam pipelines (evaluate, compare) live here with their options. The launcher script {@code ./tinyode} runs
 * {@code TinyOde}. Reusable Beam transforms belong in {@code transforms/}, not here.
 */
package org.tinyode.pipelines;
