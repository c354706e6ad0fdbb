package org.tinyode.report;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One table of a run as read back from its file: rows of column name → value (String, Long, Integer, Double or
 * Boolean). An absent table (an evaluate run has no agreement) is an empty table, {@link #present} false.
 */
record Table(String name, boolean present, List<Map<String, Object>> rows) {
  static Table absent(String name) {
    return new Table(name, false, List.of());
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  Table where(Predicate<Map<String, Object>> p) {
    return new Table(name, present, rows.stream().filter(p).toList());
  }

  Table where(String column, Object value) {
    return where(r -> value.equals(str(r, column)));
  }

  static String str(Map<String, Object> row, String column) {
    Object v = row.get(column);
    return v == null ? "" : v.toString();
  }

  static double num(Map<String, Object> row, String column) {
    Object v = row.get(column);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException("column " + column + " is not a number: " + v);
  }

  static long lng(Map<String, Object> row, String column) {
    Object v = row.get(column);
    if (v instanceof Number n) {
      return n.longValue();
    }
    throw new IllegalArgumentException("column " + column + " is not a number: " + v);
  }

  static boolean bool(Map<String, Object> row, String column) {
    return Boolean.TRUE.equals(row.get(column));
  }
}
