-- API keys: who may call the API's mutating operations. A key is shown once, when it is made;
-- only its public id and a salted hash of the whole key are kept, so a copy of this table lets
-- nobody call the API. The key format, the hash and the scope rules are the API module's
-- (io.naap.api.auth.ApiKeys, api/README.md); this table only stores what they need.

create table api_key (
    id         text        not null,
    scope      text        not null,
    label      text,
    created_at timestamptz not null,
    revoked_at timestamptz,
    salt       bytea       not null,
    hash       bytea       not null,

    constraint api_key_pkey primary key (id),
    constraint api_key_id_format check (id ~ '^[0-9a-f]{16}$'),
    constraint api_key_scope_known check (scope in ('gateway', 'orchestrator', 'admin')),
    constraint api_key_label_format check (
        label is null
        or (char_length(label) between 1 and 100 and label !~ '[\u0001-\u001f\u007f-\u009f]')),
    constraint api_key_salt_length check (octet_length(salt) = 16),
    constraint api_key_hash_length check (octet_length(hash) = 32),
    constraint api_key_revoked_after_created check (revoked_at is null or revoked_at >= created_at)
);

comment on table api_key is
    'Every API key ever made, revoked ones included; the key itself is never stored, only a salted hash of it.';
comment on column api_key.id is
    'Public id of the key, also written inside the key text (naap_<scope>_<id>_<secret>): 16 lowercase hex digits. Found by it, the key is then checked against the hash.';
comment on column api_key.scope is
    'What the key may do: gateway (post telemetry), orchestrator, or admin (everything).';
comment on column api_key.label is
    'Free text naming the key''s holder or purpose, 1 to 100 characters without control characters; null when none was given. naap up labels its dev keys "naap up dev".';
comment on column api_key.created_at is
    'When the key was made.';
comment on column api_key.revoked_at is
    'When the key was revoked; null while it is valid. A revoked key is refused and stays listed.';
comment on column api_key.salt is
    'Random salt of this key (16 bytes), the HMAC key of its hash.';
comment on column api_key.hash is
    'HMAC-SHA256(salt, the whole key text as UTF-8): 32 bytes.';
