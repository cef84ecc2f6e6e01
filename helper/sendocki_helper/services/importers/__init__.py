"""Catalog file formats: each module turns CSV rows into product records or line errors."""
