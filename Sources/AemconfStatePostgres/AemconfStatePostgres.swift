// Module AemconfStatePostgres.
