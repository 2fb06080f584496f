"""vnkg: a knowledge graph of Vietnamese provincial governance, read from news articles.

Data flows one way: ingest -> normalize -> extract -> resolve -> rdf -> store, and the store
feeds query, export, network/viz and serve. Each stage is its own module.
"""

__version__ = "0.1.0"
