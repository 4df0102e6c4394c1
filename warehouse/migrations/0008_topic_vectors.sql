-- 0006: meaning vectors of texts for emerging themes (nlp/textvectors.py), written by `tyndau topics build`.
-- One row per text and encoder: the encoder's L2-normalised vector of the text whose SHA-256 is
-- text_hash (a changed text is embedded again). 384 float32 = 1.5 KB a text. Never in the snapshot.
create table text_vectors (
    text_kind       varchar not null,      -- appeal
    text_id         varchar not null,      -- fct_appeals.appeal_id
    encoder_hash    varchar not null,      -- SHA-256 of the encoder's weights and tokenizer
    text_hash       varchar not null,      -- sha256(text) of the text embedded
    vector          float[384] not null,
    embedded_at     timestamp not null,
    primary key (text_kind, text_id, encoder_hash)
);
