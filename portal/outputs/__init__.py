"""Files derived from the model besides the pages: open data, search index, charts, sitemap, assets."""
