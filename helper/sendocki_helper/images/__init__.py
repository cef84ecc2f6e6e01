"""Product thumbnails: fetched from the product's photo URL, reduced, cached on disk (docs/images.md)."""
