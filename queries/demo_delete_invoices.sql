-- --replace: the demo's book takes the place of every invoices row.
DELETE FROM invoices;
