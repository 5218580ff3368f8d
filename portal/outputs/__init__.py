"""Files derived from the model: open data now, pages and search later."""
