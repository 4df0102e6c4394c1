-- grain: one row per analyst's correction of a text's labels
-- key: correction_id
-- `is_latest` marks each text's newest correction: its truth (older ones stay for the record).
with source as (
    select * from label_corrections
),

final as (
    select
        correction_id,
        text_kind,
        text_id,
        reviewed_model_version,
        reviewed_model_hash,
        appeal_type                                           as corrected_appeal_type,
        analyst,
        note,
        corrected_at,
        row_number() over (partition by text_kind, text_id
                           order by corrected_at desc, correction_id desc) = 1 as is_latest
    from source
)

select * from final
