package org.tinyode.fpga.client;

import java.util.Map;

/**
 * A snapshot of a pool's counters. {@code retries}: attempts after the first; {@code timeouts}: attempts that
 * hit the per-request deadline; {@code quarantines}: times a board was taken out; {@code corruptResponses}:
 * answers refused by {@link ResponseCheck} (treated as failed attempts); {@code answeredBy}: successful requests
 * per board (each request counted once, on the board whose answer was kept).
 */
public record PoolCounters(long submitted, long succeeded, long failed, long retries, long timeouts,
    long quarantines, long corruptResponses, Map<String, Long> answeredBy) {}
