// search: see issue
