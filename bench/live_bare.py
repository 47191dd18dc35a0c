"""The reference of bench/live.py: a bare `websockets` server that does the least the live
room's protocol needs, so the same clients and workload measure the floor of this machine.

On connect it sends a small snapshot; an "ask" becomes a numbered question.asked event of the
platform's shape, written once to every connection with websockets.broadcast; votes are
counted and sent as a tally event every TALLY_SECONDS, as the platform's hub does; a "ping"
gets a pong and every action an acknowledgement. No database, no authentication.

Run: .venv/bin/python bench/live_bare.py --port N   (bench/live.py starts it)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
from datetime import UTC, datetime

from websockets.asyncio.server import broadcast, serve
from websockets.exceptions import ConnectionClosed

TALLY_SECONDS = 0.1
LOOPBACK = "127.0.0.1"


def encode(payload: dict) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


class Room:
    def __init__(self):
        self.connections = set()
        self.seq = 0
        self.question_id = 0
        self.votes: dict[int, int] = {}
        self.dirty = False

    def event(self, kind: str, data: dict) -> None:
        self.seq += 1
        frame = encode({"type": "event", "seq": self.seq, "kind": kind, "data": data})
        broadcast(self.connections, frame)

    async def handler(self, ws) -> None:
        await ws.send(
            encode(
                {
                    "type": "snapshot",
                    "seq": self.seq,
                    "room": {"id": 1, "state": "live", "pinned": None},
                    "questions": [],
                    "polls": [],
                    "announcements": [],
                    "me": {"moderator": False, "questions": [], "voted": [], "ballots": {}},
                    "presence": {"online": len(self.connections), "checked_in": 0},
                }
            )
        )
        self.connections.add(ws)
        try:
            async for text in ws:
                await self.receive(ws, json.loads(text))
        except ConnectionClosed:
            pass  # the client left while its answer was being sent
        finally:
            self.connections.discard(ws)

    async def receive(self, ws, frame: dict) -> None:
        action, ref = frame.get("action"), frame.get("ref")
        if action == "ping":
            await ws.send(encode({"type": "pong", "ref": ref}))
        elif action == "ask":
            self.question_id += 1
            self.votes[self.question_id] = 0
            self.event(
                "question.asked",
                {
                    "id": self.question_id,
                    "text": frame.get("text", ""),
                    "author": "Learner",
                    "anonymous": False,
                    "status": "visible",
                    "answered": False,
                    "votes": 0,
                    "created_at": datetime.now(UTC).isoformat(),
                },
            )
            await ws.send(
                encode(
                    {
                        "type": "ack",
                        "ref": ref,
                        "action": action,
                        "question": self.question_id,
                        "status": "visible",
                    }
                )
            )
        elif action == "vote":
            question = frame.get("question")
            if question in self.votes:
                self.votes[question] += 1
                self.dirty = True
            await ws.send(
                encode(
                    {
                        "type": "ack",
                        "ref": ref,
                        "action": action,
                        "question": question,
                        "votes": self.votes.get(question, 0),
                    }
                )
            )

    async def tally(self) -> None:
        while True:
            await asyncio.sleep(TALLY_SECONDS)
            if self.dirty:
                self.dirty = False
                questions = {str(pk): votes for pk, votes in self.votes.items() if votes}
                self.event("tally", {"questions": questions, "polls": {}})


async def main(port: int) -> None:
    room = Room()
    stop = asyncio.get_running_loop().create_future()
    for signum in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(signum, stop.set_result, None)
    ticker = asyncio.create_task(room.tally())
    async with serve(room.handler, LOOPBACK, port, compression=None, ping_interval=None):
        await stop
    ticker.cancel()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    asyncio.run(main(parser.parse_args().port))
