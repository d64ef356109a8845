package org.linli.privacy;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Seals values written in clear before their column was encrypted at rest: walks a table by its
 * numeric {@code id} in batches and moves each clear value of {@code <column>} into
 * {@code <column>_enc}. A row is changed only while it still holds the value that was read
 * (compare-and-set), so several nodes starting at once seal each row once, and a value changed or
 * erased meanwhile is never brought back. An interrupted run is finished by the next start.
 */
public final class ClearColumns {

  private static final int BATCH = 200;
  private static final Pattern NAME = Pattern.compile("[a-z_]+");

  private ClearColumns() {}

  /** Seals {@code table.column}; returns how many rows were sealed by this call. */
  public static int seal(JdbcClient jdbc, String table, String column, UnaryOperator<String> encrypt) {
    // names come from code, never from input; checked all the same, as they go into the SQL
    if (!NAME.matcher(table).matches() || !NAME.matcher(column).matches()) {
      throw new IllegalArgumentException("not a table or column name: " + table + "." + column);
    }
    String select =
        "select id, " + column + " from " + table + " where id > ? and " + column + "_enc is null"
            + " and " + column + " is not null and " + column + " <> '' order by id"
            + " fetch first " + BATCH + " rows only";
    String update =
        "update " + table + " set " + column + "_enc = ?, " + column + " = null"
            + " where id = ? and " + column + "_enc is null and " + column + " = ?";
    long after = 0;
    int total = 0;
    List<Object[]> rows;
    do {
      rows = jdbc.sql(select).param(after)
          .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)})
          .list();
      for (Object[] r : rows) {
        after = (Long) r[0];
        total += jdbc.sql(update).params(encrypt.apply((String) r[1]), r[0], r[1]).update();
      }
    } while (!rows.isEmpty());
    return total;
  }
}
