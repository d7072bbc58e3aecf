-- A number as people and spreadsheets write it (1,234.56  1.234,56  (1,234.00)  ¥1,234
-- $ 12.00  1 234,50  -12  12-  EUR 5) as plain text ('-1234.56'), or NULL when it is not one.
-- Canonical values ('1234.56') take a fast path; only the others pay for the regular expressions.
-- Arguments as for import_number_digits.
-- needs: import_macro_number_digits
CREATE OR REPLACE TEMP MACRO import_number_text(v, mark, lone_groups) AS
  CASE
    WHEN v IS NULL OR trim(v) = '' THEN NULL
    WHEN (mark IS NULL OR mark = '.') AND regexp_full_match(v, '[0-9]{1,15}(\.[0-9]{1,2})?') THEN v
    ELSE list_transform(
      [regexp_extract(
        regexp_replace(v, '[\s\x{00A0}\x{202F}'']+', '', 'g'),
        '^(\()?([-+])?([$€£¥￥₹₩]|[A-Z]{3})?([-+])?([0-9](?:[0-9.,]*[0-9])?)(-)?([$€£¥￥₹₩]|[A-Z]{3})?(\))?$',
        ['open', 'sign1', 'symbol1', 'sign2', 'digits', 'sign3', 'symbol2', 'close'])],
      p -> CASE
        WHEN p.digits = '' THEN NULL
        WHEN (p.open = '') <> (p.close = '') THEN NULL
        WHEN p.symbol1 <> '' AND p.symbol2 <> '' THEN NULL
        WHEN (p.open <> '')::INT + (p.sign1 <> '')::INT + (p.sign2 <> '')::INT + (p.sign3 <> '')::INT > 1 THEN NULL
        ELSE list_transform(
          [import_number_digits(p.digits, mark, lone_groups)],
          n -> CASE WHEN regexp_full_match(n, '[0-9]+(\.[0-9]+)?')
                    THEN (CASE WHEN p.open <> '' OR '-' IN (p.sign1, p.sign2, p.sign3) THEN '-' ELSE '' END) || n
               END
        )[1]
      END
    )[1]
  END;
