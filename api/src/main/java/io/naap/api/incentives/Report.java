package io.naap.api.incentives;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * A report read for one request, answered as JSON or as CSV ({@link ReportReplies}): everything is
 * read before the first byte is written, so a failure to read is still answered with the JSON error
 * shape.
 */
sealed interface Report permits EpochReport, OrchestratorReport, DelegatorReport {
  /** The whole JSON answer, one object. */
  void writeJson(JsonGenerator json) throws IOException;

  List<String> csvHeader();

  /** One CSV row per payout, as {@link #csvHeader} names the columns. */
  void writeCsvRows(CsvWriter csv) throws IOException;

  /** The file name a browser saves the CSV as. */
  String csvFileName();
}
