-- grain: one row per appeal (source system + its own id)
-- key: appeal_id
with source as (
    select * from raw_appeals
),

final as (
    select
        source || ':' || external_id               as appeal_id,
        source,
        external_id,
        lower(appeal_type)                         as appeal_type,
        channel,
        coalesce(agency_code, agency_name, 'unknown') as agency_key,
        agency_code,
        agency_name,
        region_code,
        region_name,
        lower(language)                            as language,
        text,
        local_time(registered_at)                  as registered_at,
        local_time(due_at)                         as due_at,
        local_time(answered_at)                    as answered_at,
        local_time(closed_at)                      as closed_at,
        lower(status)                              as status,
        answer_text,
        satisfaction,
        applicant_hash,
        age_band,
        sex,
        has_disability,
        is_rural,
        category,
        latitude,
        longitude,
        load_run_id,
        loaded_at
    from source
)

select * from final
