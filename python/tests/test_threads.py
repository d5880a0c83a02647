"""One session per Python thread, runs in parallel with the GIL released."""

import threading
import time

import numpy as np

import cnnc


def test_threads_get_their_own_sessions_and_the_same_results(lenet_library):
    m = cnnc.load(lenet_library, threads=1)
    rng = np.random.default_rng(3)
    inputs = [rng.standard_normal((k + 1, 1, 32, 32)).astype(np.float32) for k in range(4)]
    expected = [m(x) for x in inputs]  # this thread's session
    results = [None] * 4
    contexts = [None] * 4
    errors = []

    def work(k):
        try:
            for _ in range(10):
                y = m(inputs[k])
                np.testing.assert_array_equal(y, expected[k])
            results[k] = y
            contexts[k] = m._local.context
        except Exception as e:  # reported below: an assertion in a thread would be lost
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    for k in range(4):
        np.testing.assert_array_equal(results[k], expected[k])
    handles = {c.handle.value for c in contexts} | {m._local.context.handle.value}
    assert len(handles) == 5  # four threads plus this one, each its own cnnc_context


def test_gil_is_released_during_a_run(lenet_library):
    """Python code in another thread keeps running while the library runs a long batch."""
    m = cnnc.load(lenet_library, threads=1, max_batch=64)
    x = np.random.default_rng(5).standard_normal((4000, 1, 32, 32)).astype(np.float32)
    m(x[:64])  # make the worker's session size irrelevant: warm the code
    window = {}

    def work():
        window["start"] = time.perf_counter()
        m(x)
        window["end"] = time.perf_counter()

    worker = threading.Thread(target=work)
    ticks = []
    worker.start()
    while worker.is_alive():
        ticks.append(time.perf_counter())
    worker.join()
    duration = window["end"] - window["start"]
    assert duration > 0.05, f"the run took {duration * 1000:.1f} ms: too short to tell"
    # This thread's ticks during the run: holding the GIL for the call would leave one gap
    # as long as the call itself (checked: a PYFUNCTYPE call, which holds it, fails this).
    inside = [window["start"]] + [t for t in ticks if window["start"] < t < window["end"]] + [window["end"]]
    longest_gap = max(b - a for a, b in zip(inside, inside[1:]))
    assert longest_gap < duration / 2, f"this thread stalled {longest_gap * 1000:.0f} ms of a {duration * 1000:.0f} ms run"
