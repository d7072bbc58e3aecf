-- --replace: the demo's book takes the place of every adjustments row.
DELETE FROM adjustments;
