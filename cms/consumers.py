"""A websocket endpoint that answers pings, so a page can tell whether websockets pass
through the reader's network before it relies on them."""

import json

from channels.generic.websocket import AsyncJsonWebsocketConsumer

MAX_FRAME_BYTES = 1024


class PingConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        await self.accept()

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if text_data is None or len(text_data) > MAX_FRAME_BYTES:
            await self.send_json({"type": "error", "code": "frame_too_large_or_binary"})
            return
        await super().receive(text_data=text_data, **kwargs)

    @classmethod
    async def decode_json(cls, text_data):
        try:
            return json.loads(text_data)
        except ValueError:
            return None

    async def receive_json(self, content, **kwargs):
        if not isinstance(content, dict) or content.get("action") != "ping":
            await self.send_json({"type": "error", "code": "unknown_action"})
            return
        await self.send_json({"type": "pong", "id": content.get("id")})
