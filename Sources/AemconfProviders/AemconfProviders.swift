// Module AemconfProviders.
