"""Ingest: inputs (files, folders, globs, JSONL, URLs and feeds) decoded, their page chrome
stripped, and their title, author, date and outlet found. Nothing here needs a model."""
