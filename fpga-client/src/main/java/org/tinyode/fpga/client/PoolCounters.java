package org.tinyode.fpga.client;

import java.util.Map;

/**
 * A snapshot of a pool's counters. {@code retries}: attempts after the first; {@code timeouts}: attempts that
 * hit the per-request deadline; {@code quarantines}: times a board was taken out; {@code answeredBy}: successful
 * requests per board.
 */
public record PoolCounters(long submitted, long succeeded, long failed, long retries, long timeouts,
    long quarantines, Map<String, Long> answeredBy) {}
