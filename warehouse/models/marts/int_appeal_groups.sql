-- grain: one row per appeal and group dimension (the group of citizens its applicant belongs to in that dimension)
-- key: appeal_id, dimension
-- The citizens' groups the equity analysis compares: sex, age band, disability, rural residence,
-- and the intersection rural x disability. A blank value is the group `unknown`, and a value the
-- source spells in a way not recognised here is the group `unrecognised` (shown, never merged
-- into another group).
with appeals as (
    select appeal_id, sex, age_band, has_disability, is_rural
    from fct_appeals
    where registered_month is not null
),

named as (
    select
        appeal_id,
        case
            when sex is null or trim(sex) = '' then 'unknown'
            when lower(trim(sex)) in ('f', 'female', 'ж', 'әйел', 'жен', 'женский') then 'female'
            when lower(trim(sex)) in ('m', 'male', 'м', 'ер', 'муж', 'мужской') then 'male'
            else 'unrecognised'
        end                                                              as sex_group,
        coalesce(nullif(trim(age_band), ''), 'unknown')                  as age_group,
        case has_disability when true then 'yes' when false then 'no' else 'unknown' end as disability_group,
        case is_rural when true then 'yes' when false then 'no' else 'unknown' end       as rural_group
    from appeals
),

final as (
    select appeal_id, g.dimension, g.group_value
    from named,
    lateral (
        select unnest([
            {'dimension': 'sex',              'group_value': sex_group},
            {'dimension': 'age_band',         'group_value': age_group},
            {'dimension': 'disability',       'group_value': disability_group},
            {'dimension': 'rural',            'group_value': rural_group},
            {'dimension': 'rural_disability', 'group_value': rural_group || '|' || disability_group}
        ], recursive := true)
    ) g
)

select * from final
