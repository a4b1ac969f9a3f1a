"""Comparing the articles of one story: each article's facts, then claims, quotes, conflicts,
framing, omissions and a cited summary across them."""
