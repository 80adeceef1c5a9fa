"""Congress staff's admin: the dashboard panel, exports, snippet permissions."""
