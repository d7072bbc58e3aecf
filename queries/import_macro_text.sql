-- A text value trimmed, NULL when empty: ids, names, codes. Most values need no trimming, and
-- testing their ends is much cheaper than trimming them.
CREATE OR REPLACE TEMP MACRO import_text(v) AS
  CASE
    WHEN v = '' THEN NULL
    WHEN starts_with(v, ' ') OR ends_with(v, ' ') THEN nullif(trim(v), '')
    ELSE v
  END;
