-- --replace: the demo's book takes the place of every payments row.
DELETE FROM payments;
