-- The digits of a written number with its grouping removed and its decimal mark made '.', or
-- NULL when the separators make no sense. `n` holds digits, '.' and ',' only. `mark` is the
-- decimal mark when the file declares one, else NULL to decide per value: of two kinds of
-- separator the last is the decimal mark; one kind used twice groups thousands (1,234,567); a
-- lone one followed by exactly three digits after a 1-3 digit lead (1,234 or 1.234) groups
-- thousands when `lone_groups` (amounts) and is the decimal mark otherwise (fx rates: 1.085).
-- Groups hold 3 digits, or 2 before the last as in India (1,234,567 and 1,23,456 both read).
CREATE OR REPLACE TEMP MACRO import_number_digits(n, mark, lone_groups) AS
  list_transform(
    [CASE
      WHEN mark IS NOT NULL THEN mark
      WHEN contains(n, '.') AND contains(n, ',') THEN
        CASE WHEN strpos(reverse(n), '.') < strpos(reverse(n), ',') THEN '.' ELSE ',' END
      WHEN NOT contains(n, '.') AND NOT contains(n, ',') THEN ''
      WHEN length(n) - length(replace(replace(n, '.', ''), ',', '')) > 1 THEN ''
      WHEN lone_groups AND regexp_full_match(n, '[1-9][0-9]{0,2}[.,][0-9]{3}') THEN ''
      WHEN contains(n, '.') THEN '.'
      ELSE ','
    END],
    d -> list_transform(
      [CASE WHEN d = '' THEN [n] ELSE string_split(n, d) END],
      parts -> CASE
        WHEN len(parts) > 2 THEN NULL
        WHEN NOT regexp_full_match(parts[1], '[0-9]+|[0-9]{1,3}([.,][0-9]{2,3})*[.,][0-9]{3}') THEN NULL
        WHEN len(parts) = 1 THEN replace(replace(parts[1], '.', ''), ',', '')
        WHEN regexp_full_match(parts[2], '[0-9]+') THEN replace(replace(parts[1], '.', ''), ',', '') || '.' || parts[2]
      END
    )[1]
  )[1];
