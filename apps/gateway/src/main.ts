// Host wiring comes with the catalog/gateway issue.
