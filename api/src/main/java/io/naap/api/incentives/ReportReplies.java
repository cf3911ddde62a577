package io.naap.api.incentives;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Sends reports, streamed to the client as they are written: an epoch can hold 200,000 payouts, so
 * no answer is assembled as a tree or a byte array first. The stream is closed (the answer
 * completed) only once the whole report is written; a failure before that leaves it to the server,
 * which answers the JSON error while nothing was sent yet and drops the connection otherwise.
 */
final class ReportReplies {
  static final Header CONTENT_TYPE_CSV =
      HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");

  /**
   * Open objects and arrays are not closed for us: an answer cut short by a failure must not read
   * as a whole one.
   */
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_CONTENT).build();

  private static final int CSV_BUFFER_CHARS = 64 * 1024;

  private ReportReplies() {}

  static void send(ServerResponse response, ReportFormat format, Report report) {
    try {
      switch (format) {
        case JSON -> {
          response.header(HeaderValues.CONTENT_TYPE_JSON);
          JsonGenerator json = JSON.createGenerator(response.outputStream());
          report.writeJson(json);
          json.close();
        }
        case CSV -> {
          response.header(CONTENT_TYPE_CSV);
          response.header(
              HeaderValues.create(
                  HeaderNames.CONTENT_DISPOSITION,
                  "attachment; filename=\"" + report.csvFileName() + "\""));
          Writer out =
              new BufferedWriter(
                  new OutputStreamWriter(response.outputStream(), StandardCharsets.UTF_8),
                  CSV_BUFFER_CHARS);
          report.writeCsvRows(new CsvWriter(out, report.csvHeader()));
          out.close();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot send a report to the client", e);
    }
  }
}
