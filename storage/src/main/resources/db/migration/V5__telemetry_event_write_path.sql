-- The raw event store's write path, measured (docs/BENCHMARKS.md, 2026-11-27): a durable COPY of
-- the real capture's rows into a table shaped like telemetry_event ran at ~34,500 rows/s with
-- every index and constraint, ~56,000 without the stream index, and ~87,000 with neither the
-- index nor the checks. So:
--
-- * telemetry_event_stream_idx goes. Nothing reads raw events by stream any more: a stream's
--   report comes from stream_session, and recomputation reads raw events by time (the BRIN index
--   on occurred_at). Its b-tree insert cost more than the primary key's.
-- * The payload and source checks go: each row's text was scanned again (a LIKE over the whole
--   payload, a regular expression over the source) for rules that the only writer,
--   TelemetryEventRow, already enforces before a row is built. The cheap bounds stay.
drop index telemetry_event_stream_idx;
alter table telemetry_event drop constraint telemetry_event_payload_object;
alter table telemetry_event drop constraint telemetry_event_source_format;

comment on column telemetry_event.payload is
    'The whole event envelope as received (compact); a JSON object, checked by the writer (TelemetryEventRow); cast to jsonb to query inside it.';
comment on column telemetry_event.source is
    'How the event reached naap: a lower-case code such as http, file, loadgen (format checked by the writer).';
