-- --replace: forget the profiles planted by an earlier demo.
DELETE FROM demo_profiles;
