"""The live room's web side: its pages (live.views.pages) and the HTTP fallback of its
websocket (live.views.api)."""
