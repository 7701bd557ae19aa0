// Shared test helpers live in this module; see the files beside this one.
