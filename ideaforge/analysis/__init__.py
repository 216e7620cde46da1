"""Embeddings, dedupe, clustering, labels, 2-D map and diversity metrics."""
