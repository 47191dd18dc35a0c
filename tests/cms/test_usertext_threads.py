"""Pages are rendered in several threads at once (HTTP_CONCURRENCY per process): each
reader's questions must come out as that reader's, whatever the others render meanwhile."""

import sys
import threading

from cms import usertext


def test_texts_rendered_at_the_same_time_in_several_threads_stay_their_own():
    texts = [f"Question {n}: see https://example.org/{n} for the gauges" for n in range(4)]
    expected = [str(usertext.render(text)) for text in texts]
    rendered = {n: [] for n in range(4)}

    def render_many(n):
        for _ in range(25):
            try:
                rendered[n].append(str(usertext.render(texts[n])))
            except Exception as error:  # a parser shared between threads raised IndexError
                rendered[n].append(repr(error))

    switching = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns as often as they can
    try:
        threads = [threading.Thread(target=render_many, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(switching)
    for n in range(4):
        assert rendered[n] == [expected[n]] * 25


def test_each_thread_has_a_linker_of_its_own():
    """What the test above may miss by chance: no two threads share a Linker."""
    linkers = []
    thread = threading.Thread(target=lambda: linkers.append(usertext._linker()))
    thread.start()
    thread.join()
    assert usertext._linker() is usertext._linker()
    assert linkers[0] is not usertext._linker()
