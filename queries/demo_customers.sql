-- Demo customers 1..$customers: segment, region, country, currency, terms and a company name
-- from word lists (Simplified Chinese for China), each a hash draw of (seed, number, purpose)
-- so the same seed gives the same book. Credit limits come later, from what was invoiced.
INSERT INTO customers (customer_id, name, segment, region, country, currency, payment_terms_days, credit_limit, import_id)
WITH draws AS (
  SELECT n,
         hash($seed::INTEGER, n, 'segment') % 1000000 / 1e6 AS u_segment,
         hash($seed::INTEGER, n, 'region') % 1000000 / 1e6 AS u_region,
         hash($seed::INTEGER, n, 'country') % 1000000 / 1e6 AS u_country,
         hash($seed::INTEGER, n, 'currency') % 1000000 / 1e6 AS u_currency,
         hash($seed::INTEGER, n, 'terms') % 1000000 / 1e6 AS u_terms,
         hash($seed::INTEGER, n, 'pattern') % 1000000 / 1e6 AS u_pattern,
         hash($seed::INTEGER, n, 'word1') AS h1,
         hash($seed::INTEGER, n, 'word2') AS h2,
         hash($seed::INTEGER, n, 'word3') AS h3,
         hash($seed::INTEGER, n, 'legal') AS h4
  FROM range(1, $customers::BIGINT + 1) t(n)
),
placed AS (
  SELECT *,
         CASE WHEN u_segment < 0.10 THEN 'Enterprise' WHEN u_segment < 0.40 THEN 'Mid-market'
              WHEN u_segment < 0.90 THEN 'Small business' ELSE 'Public sector' END AS segment,
         CASE WHEN u_region < 0.45 THEN 'North America' WHEN u_region < 0.75 THEN 'Europe'
              WHEN u_region < 0.93 THEN 'Asia-Pacific' ELSE 'Latin America' END AS region
  FROM draws
),
located AS (
  SELECT *,
         CASE region
           WHEN 'North America' THEN CASE WHEN u_country < 0.85 THEN 'US' ELSE 'CA' END
           WHEN 'Europe' THEN ['DE', 'DE', 'FR', 'FR', 'NL', 'ES', 'IT', 'IE', 'BE', 'AT', 'FI', 'PT'][1 + floor(u_country * 12)::INTEGER]
           WHEN 'Asia-Pacific' THEN CASE WHEN u_country < 0.45 THEN 'CN'
                                         ELSE ['JP', 'AU', 'SG', 'IN', 'KR'][1 + floor((u_country - 0.45) / 0.55 * 5)::INTEGER] END
           ELSE ['BR', 'BR', 'MX', 'MX', 'AR', 'CL', 'CO'][1 + floor(u_country * 7)::INTEGER]
         END AS country
  FROM placed
),
with_forms AS (
  SELECT *,
         CASE country
           WHEN 'US' THEN ['Inc.', 'LLC', 'Corp.', 'Co.'] WHEN 'CA' THEN ['Inc.', 'Ltd.']
           WHEN 'DE' THEN ['GmbH', 'AG'] WHEN 'AT' THEN ['GmbH', 'AG'] WHEN 'FR' THEN ['SA', 'SAS']
           WHEN 'NL' THEN ['B.V.'] WHEN 'ES' THEN ['S.L.', 'S.A.'] WHEN 'IT' THEN ['S.p.A.', 'S.r.l.']
           WHEN 'IE' THEN ['Ltd'] WHEN 'BE' THEN ['NV', 'SA'] WHEN 'FI' THEN ['Oy'] WHEN 'PT' THEN ['Lda.']
           WHEN 'JP' THEN ['K.K.'] WHEN 'AU' THEN ['Pty Ltd'] WHEN 'SG' THEN ['Pte. Ltd.'] WHEN 'IN' THEN ['Pvt. Ltd.']
           WHEN 'KR' THEN ['Co., Ltd.'] WHEN 'BR' THEN ['Ltda.'] WHEN 'MX' THEN ['S.A. de C.V.'] WHEN 'AR' THEN ['S.A.']
           WHEN 'CL' THEN ['SpA'] ELSE ['S.A.S.']
         END AS legal_forms
  FROM located
),
named AS (
  SELECT *,
         country = 'CN' AS chinese,
         CASE
           WHEN country = 'CN' AND segment = 'Public sector' THEN
             ['北京', '上海', '深圳', '广州', '杭州', '苏州', '成都', '武汉', '南京', '天津', '重庆', '西安', '青岛', '厦门', '宁波', '长沙'][1 + (h1 % 16)::INTEGER]
             || ['市第一人民医院', '市交通运输局', '市水务集团', '市教育局', '市中心医院', '市公共资源交易中心', '市图书馆', '市城市建设投资集团'][1 + (h2 % 8)::INTEGER]
           WHEN country = 'CN' THEN
             ['北京', '上海', '深圳', '广州', '杭州', '苏州', '成都', '武汉', '南京', '天津', '重庆', '西安', '青岛', '厦门', '宁波', '长沙'][1 + (h1 % 16)::INTEGER]
             || ['华信', '恒达', '金桥', '瑞丰', '中联', '宏图', '鼎盛', '新源', '天宇', '博远', '嘉和', '永泰', '盛世', '海纳', '东方', '远航', '银河', '星辰', '同创', '利民', '安泰', '久益', '华美', '正大'][1 + (h2 % 24)::INTEGER]
             || ['电子科技', '机械制造', '国际贸易', '物流', '医疗器械', '新材料', '软件技术', '汽车零部件', '精密仪器', '化工', '食品', '纺织', '建筑工程', '能源科技'][1 + (h3 % 14)::INTEGER]
           WHEN segment = 'Public sector' THEN
             CASE region
               WHEN 'North America' THEN ['Springfield', 'Riverside', 'Franklin', 'Greenville', 'Madison', 'Fairview', 'Salem', 'Arlington', 'Georgetown', 'Lakewood', 'Ashland', 'Halifax']
               WHEN 'Europe' THEN ['Hamburg', 'Lyon', 'Utrecht', 'Valencia', 'Bologna', 'Cork', 'Ghent', 'Graz', 'Tampere', 'Porto', 'Dresden', 'Nantes']
               WHEN 'Asia-Pacific' THEN ['Osaka', 'Perth', 'Pune', 'Busan', 'Brisbane', 'Yokohama', 'Chennai', 'Jurong', 'Adelaide', 'Sendai', 'Incheon', 'Mysore']
               ELSE ['Campinas', 'Monterrey', 'Rosario', 'Valparaíso', 'Medellín', 'Curitiba', 'Puebla', 'Córdoba', 'Recife', 'Cali', 'León', 'Mendoza']
             END[1 + (h1 % 12)::INTEGER]
             || ' ' || ['City Council', 'Water Authority', 'Transit Agency', 'School District', 'Regional Hospital', 'Port Authority', 'State University', 'Health Department', 'Housing Authority', 'Public Library'][1 + (h2 % 10)::INTEGER]
           ELSE
             CASE WHEN u_pattern < 0.25 THEN
                    ['Hartley', 'Bennett', 'Carver', 'Dalton', 'Ellis', 'Fairbanks', 'Garrison', 'Hollis', 'Jensen', 'Keller', 'Lambert', 'Mercer', 'Novak', 'Osborne', 'Prescott', 'Ramsey', 'Sutton', 'Thornton', 'Whitaker', 'Brandt', 'Fischer', 'Moreau', 'Rossi', 'Santos', 'Lindqvist', 'Kowalski', 'Tanaka', 'Mehta', 'Silva', 'Moss'][1 + (h1 % 30)::INTEGER]
                    || ' & ' || ['Hartley', 'Bennett', 'Carver', 'Dalton', 'Ellis', 'Fairbanks', 'Garrison', 'Hollis', 'Jensen', 'Keller', 'Lambert', 'Mercer', 'Novak', 'Osborne', 'Prescott', 'Ramsey', 'Sutton', 'Thornton', 'Whitaker', 'Brandt', 'Fischer', 'Moreau', 'Rossi', 'Santos', 'Lindqvist', 'Kowalski', 'Tanaka', 'Mehta', 'Silva', 'Moss'][1 + ((h1 % 30 + 1 + h2 % 29) % 30)::INTEGER]
                  ELSE
                    ['Summit', 'Northwind', 'Blue Ridge', 'Pioneer', 'Atlas', 'Harbor', 'Evergreen', 'Keystone', 'Silverline', 'Redwood', 'Cobalt', 'Granite', 'Meridian', 'Orion', 'Beacon', 'Crescent', 'Falcon', 'Horizon', 'Ironbridge', 'Juniper', 'Lakeside', 'Maple', 'Nova', 'Oakmont', 'Pinnacle', 'Quantum', 'Riverbend', 'Sterling', 'Trident', 'Vertex', 'Westfield', 'Apex', 'Brightwater', 'Cedar', 'Delta', 'Eagle', 'Frontier', 'Golden Gate', 'Highland', 'Liberty', 'Magnolia', 'Northstar', 'Polaris', 'Sapphire', 'Titan', 'Union', 'Vanguard', 'Willow'][1 + (h1 % 48)::INTEGER]
                    || CASE WHEN u_pattern < 0.45 THEN ' ' || ['Bay', 'Bridge', 'Creek', 'Field', 'Forge', 'Gate', 'Hill', 'Point', 'Rock', 'Stone', 'Valley', 'Works'][1 + (h2 % 12)::INTEGER] ELSE '' END
             END
             || ' ' || ['Logistics', 'Foods', 'Engineering', 'Software', 'Manufacturing', 'Health', 'Energy', 'Retail', 'Textiles', 'Analytics', 'Construction', 'Pharma', 'Electronics', 'Supply', 'Motors', 'Media', 'Robotics', 'Packaging', 'Chemicals', 'Metals', 'Telecom', 'Farms', 'Furniture', 'Labs'][1 + (h3 % 24)::INTEGER]
         END AS base_name,
         CASE
           WHEN segment = 'Public sector' THEN ''
           WHEN country = 'CN' THEN ['有限公司', '股份有限公司'][1 + (h4 % 2)::INTEGER]
           ELSE ' ' || list_extract(legal_forms, 1 + (h4 % len(legal_forms))::INTEGER)
         END AS legal
  FROM with_forms
),
-- Word lists repeat for large books: later namesakes get a qualifier (then a number) so names stay unique.
deduplicated AS (
  SELECT *, row_number() OVER (PARTITION BY base_name, legal ORDER BY n) - 1 AS dup FROM named
)
SELECT printf('C%06d', n),
       CASE
         WHEN dup = 0 THEN base_name || legal
         WHEN segment = 'Public sector' THEN base_name || CASE WHEN chinese THEN '（' || (dup + 1) || '）' ELSE ' ' || (dup + 1) END
         WHEN chinese AND dup <= 8 THEN base_name || ['实业', '集团', '控股', '发展', '创新', '国际', '投资', '科技'][dup] || legal
         WHEN NOT chinese AND dup <= 12 THEN base_name || ' ' || ['Group', 'International', 'Holdings', 'Partners', 'Global', 'Solutions', 'Services', 'Systems', 'Industries', 'Enterprises', 'Associates', 'Worldwide'][dup] || legal
         ELSE base_name || legal || ' (' || (dup + 1) || ')'
       END,
       segment, region, country,
       CASE WHEN region = 'Europe' THEN 'EUR' WHEN country = 'CN' AND u_currency < 0.85 THEN 'CNY' ELSE 'USD' END,
       -- Large and public buyers negotiate long terms; small ones are often on 15 days.
       CASE segment
         WHEN 'Enterprise' THEN CASE WHEN u_terms < 0.45 THEN 30 WHEN u_terms < 0.60 THEN 45 WHEN u_terms < 0.85 THEN 60 ELSE 90 END
         WHEN 'Public sector' THEN CASE WHEN u_terms < 0.40 THEN 30 WHEN u_terms < 0.60 THEN 45 WHEN u_terms < 0.90 THEN 60 ELSE 90 END
         WHEN 'Mid-market' THEN CASE WHEN u_terms < 0.05 THEN 15 WHEN u_terms < 0.75 THEN 30 WHEN u_terms < 0.90 THEN 45 ELSE 60 END
         ELSE CASE WHEN u_terms < 0.20 THEN 15 WHEN u_terms < 0.95 THEN 30 ELSE 45 END
       END,
       NULL,
       $import_id::INTEGER
FROM deduplicated;
