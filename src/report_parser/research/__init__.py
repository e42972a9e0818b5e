"""Research tools over a store: organisation registry, compare, exports, the notebook API, Datasette."""
