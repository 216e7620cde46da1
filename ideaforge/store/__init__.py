"""Persistence: SQLAlchemy models, repositories returning core objects, migrations."""

from ideaforge.store.database import Store, open_store

__all__ = ["Store", "open_store"]
