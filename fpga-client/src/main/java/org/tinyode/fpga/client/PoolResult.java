package org.tinyode.fpga.client;

import java.util.List;
import org.tinyode.fpga.proto.v1.InferResponse;

/**
 * The outcome of one submitted request, reported exactly once: {@code ok} with the response of the board that
 * answered, or failed with {@code error}. {@code attempts} counts boards tried; {@code failures} lists every
 * failed attempt as {@code "<board>: <reason>"}.
 */
public record PoolResult(String requestId, boolean ok, InferResponse response, String board, int attempts,
    List<String> failures, String error) {}
