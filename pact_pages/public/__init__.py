"""What readers reach: page serving with a language fallback, feeds, search, sitemap."""
