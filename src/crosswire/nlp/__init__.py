"""Understanding one article: the spaCy parse, sentence embeddings, people, and quotes."""
