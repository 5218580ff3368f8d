"""Static site generator for a municipality's annual performance programme."""
