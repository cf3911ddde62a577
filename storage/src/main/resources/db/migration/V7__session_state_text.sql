-- A session's state document as text instead of jsonb.
--
-- naap writes the document (SessionEngine, with Jackson) and reads it back whole; no query looks
-- inside it. As jsonb the server parsed every document on every upsert (~40 microseconds of its
-- CPU for a ~1.5 KB state, measured 2026-11-27, docs/BENCHMARKS.md), after each telemetry chunk
-- for every stream the chunk touched. Text is stored as written. For a look by hand,
-- `state::jsonb` still works.

alter table stream_session drop constraint stream_session_state_object;

alter table stream_session alter column state type text using state::text;

-- the writer's guarantee, checked cheaply: a JSON object's text
alter table stream_session add constraint stream_session_state_object
    check (left(state, 1) = '{' and right(state, 1) = '}');
