-- --replace: the demo's book takes the place of every customers row.
DELETE FROM customers;
