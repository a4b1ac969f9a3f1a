"""Batch runs over large corpora (`crosswire run`): partitions, engines and tables."""
