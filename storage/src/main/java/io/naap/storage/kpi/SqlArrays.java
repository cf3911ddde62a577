package io.naap.storage.kpi;

import java.util.Collection;
import org.jooq.QuantifiedSelect;
import org.jooq.Record1;
import org.jooq.impl.DSL;

/** Sets of values passed to a statement as one array parameter. */
final class SqlArrays {
  private SqlArrays() {}

  /**
   * {@code = any(?)} over the values, bound as one array: the statement's text is the same for any
   * number of values, so the driver parses it once and the server can keep it prepared, where an
   * {@code in (?, ?, ...)} list makes a new statement for every count (and keeps the JIT compiler
   * busy with the driver's SQL parser, run on ever new text).
   */
  static QuantifiedSelect<Record1<String>> anyOf(Collection<String> values) {
    return DSL.any(values.toArray(String[]::new));
  }
}
